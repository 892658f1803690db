// Authorization = role AND relationship, decided here and nowhere else (rems.md "Actors and
// roles"; docs/api.md "Access control"). POLICY says, for each resource and action, which roles
// may act and what relationship each needs to the target; the relationship is resolved in the
// database (the patient's prescriber, the settings they are scheduled at, the pharmacies that
// dispensed against an authorization). Routes call authorize() or patientScope(); none decides
// by hand.
//
// Outcomes: a read the caller may not make is 404, as if the record did not exist (its existence
// is not revealed). A write is 403 when the caller's role may never make it, or when the caller
// can see the record but the relationship does not allow the change; a write on a record the
// caller cannot see is 404, for the same reason as a read.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { VigilError } from '../errors/outcome.js';
import { queryRows, type Tx } from '../store/db.js';
import { authorizations, dispenses, infusions, patients } from '../store/schema/index.js';
import type { Role } from '../store/schema/values.js';
import type { Principal } from './principal.js';

/**
 * How the caller must relate to the target:
 * - `any`: no relationship (admin; or records that are not patient data)
 * - `prescribes`: the patient is enrolled under the caller (a delegate: under their prescriber)
 * - `scheduled-here`: the patient has an infusion or an authorization at the caller's setting
 * - `is-patient`: the patient is the caller
 * - `is-user`: the user record is the caller's own
 * - `dispensed-here`: the authorization was dispensed by the caller's pharmacy
 * - `setting-here`: the authorization names the caller's setting
 * - `treated-here`: the patient's practice is the caller's organization, or the patient is
 *   scheduled there (a lab system's results are for the patients its organization treats)
 * - `member-of`: the organization is the one the caller acts for (a setting's nurse, a pharmacy's pharmacist)
 */
export type Relation =
  | 'any'
  | 'prescribes'
  | 'scheduled-here'
  | 'is-patient'
  | 'is-user'
  | 'dispensed-here'
  | 'setting-here'
  | 'member-of'
  | 'treated-here';

export type Resource =
  | 'organization'
  | 'user'
  | 'membership'
  | 'patient'
  | 'demographics'
  | 'facts'
  | 'enrollment'
  | 'course'
  | 'infusion'
  | 'lab-result'
  | 'alert'
  | 'patient-state'
  | 'authorization'
  | 'audit'
  | 'program'
  | 'patient-report'
  | 'questionnaire-response'
  | 'decision-support'
  | 'calendar-link'
  | 'certification'
  | 'education'
  | 'assessment'
  | 'dispense'
  | 'setting-schedule'
  | 'infusion-gate'
  | 'adverse-event'
  | 'status-form'
  | 'compliance';

export type Action =
  'list' | 'read' | 'create' | 'update' | 'sign' | 'acknowledge' | 'resolve' | 'revoke' | 'certify';

type RoleRelations = Partial<Record<Role, Relation>>;

/** Patient records: the care team and the patient. Pharmacists see no patient (rems.md). */
const CARE_TEAM_READ: RoleRelations = {
  admin: 'any',
  prescriber: 'prescribes',
  delegate: 'prescribes',
  nurse: 'scheduled-here',
  patient: 'is-patient',
};
/** Clinical writes by the treating team. */
const PRESCRIBING_TEAM: RoleRelations = { admin: 'any', prescriber: 'prescribes', delegate: 'prescribes' };
/** Infusion-day writes (labs drawn, infusions recorded) also by the setting's nurses. */
const PRESCRIBING_TEAM_AND_SETTING: RoleRelations = { ...PRESCRIBING_TEAM, nurse: 'scheduled-here' };
const EVERY_ROLE_ANY: RoleRelations = {
  admin: 'any',
  prescriber: 'any',
  delegate: 'any',
  nurse: 'any',
  pharmacist: 'any',
  patient: 'any',
  system: 'any',
};
const ADMIN_ONLY: RoleRelations = { admin: 'any' };
const AUTHORIZATION_READ: RoleRelations = {
  admin: 'any',
  prescriber: 'prescribes',
  delegate: 'prescribes',
  nurse: 'setting-here',
  pharmacist: 'dispensed-here',
};

export const POLICY: Readonly<Partial<Record<`${Resource}:${Action}`, RoleRelations>>> = {
  // Organizations are directory data, not patient data.
  'organization:list': EVERY_ROLE_ANY,
  'organization:read': EVERY_ROLE_ANY,
  'organization:create': ADMIN_ONLY,
  'user:list': ADMIN_ONLY,
  'user:read': {
    ...ADMIN_ONLY,
    prescriber: 'is-user',
    delegate: 'is-user',
    nurse: 'is-user',
    pharmacist: 'is-user',
    patient: 'is-user',
    system: 'is-user',
  },
  'user:create': ADMIN_ONLY,
  'membership:create': ADMIN_ONLY,
  'patient:list': CARE_TEAM_READ,
  'patient:read': CARE_TEAM_READ,
  // Creating a patient: the relationship is to the prescriber named in the body (mayActFor).
  'patient:create': PRESCRIBING_TEAM,
  'demographics:read': CARE_TEAM_READ,
  'facts:update': PRESCRIBING_TEAM,
  'enrollment:list': CARE_TEAM_READ,
  'enrollment:read': CARE_TEAM_READ,
  'enrollment:create': PRESCRIBING_TEAM,
  // rems.md: a delegate may do what the prescriber may, except signing.
  'enrollment:sign': { admin: 'any', prescriber: 'prescribes' },
  'course:list': CARE_TEAM_READ,
  'course:read': CARE_TEAM_READ,
  'course:create': PRESCRIBING_TEAM,
  'infusion:list': CARE_TEAM_READ,
  'infusion:read': CARE_TEAM_READ,
  'infusion:create': PRESCRIBING_TEAM_AND_SETTING,
  'lab-result:list': CARE_TEAM_READ,
  'lab-result:read': CARE_TEAM_READ,
  // Lab systems (role `system`) submit results for the patients their organization treats.
  'lab-result:create': { ...PRESCRIBING_TEAM_AND_SETTING, system: 'treated-here' },
  // What the patient reports (MON-6 questionnaire, INF-5 stroke signs): the patient for
  // themself, or the prescribing team on their behalf (rems.md "patient").
  'patient-report:create': { ...PRESCRIBING_TEAM, patient: 'is-patient' },
  // Alerts are the prescriber's to act on (rems.md); the setting sees them before an infusion.
  'alert:list': { ...PRESCRIBING_TEAM, nurse: 'scheduled-here' },
  'alert:read': { ...PRESCRIBING_TEAM, nurse: 'scheduled-here' },
  'alert:acknowledge': PRESCRIBING_TEAM,
  'alert:resolve': PRESCRIBING_TEAM,
  'patient-state:read': CARE_TEAM_READ,
  // rems.md "Audit": the program operator reads the log and verifies its chain.
  'audit:list': ADMIN_ONLY,
  'audit:read': ADMIN_ONLY,
  // Program definitions (thresholds, rule texts) are published rules, not patient data.
  'program:read': EVERY_ROLE_ANY,
  // Pharmacists: the authorization status of orders sent to their pharmacy, nothing clinical.
  'authorization:list': AUTHORIZATION_READ,
  'authorization:read': AUTHORIZATION_READ,
  // Questionnaire answers (MON-6) are part of the patient's record, read as the record is.
  'questionnaire-response:list': CARE_TEAM_READ,
  'questionnaire-response:read': CARE_TEAM_READ,
  // CDS Hooks and $rems-etasu by patient: the care team, and an EHR interface (role `system`)
  // for the patients its organization treats. A pharmacy asks by case number (authorization:read).
  'decision-support:read': {
    admin: 'any',
    prescriber: 'prescribes',
    delegate: 'prescribes',
    nurse: 'scheduled-here',
    system: 'treated-here',
  },
  // The secret link to the patient's own schedule: the patient, or the treating team for them.
  'calendar-link:create': { ...PRESCRIBING_TEAM, patient: 'is-patient' },
  'calendar-link:revoke': { ...PRESCRIBING_TEAM, patient: 'is-patient' },
  // rems.md: the program issues a course authorization when the prescriber requests it; a
  // delegate may not sign for the prescriber.
  'authorization:create': { admin: 'any', prescriber: 'prescribes' },
  // REMS workflows (issue #4). Education and the assessment's questions are published content.
  'education:read': EVERY_ROLE_ANY,
  'assessment:read': EVERY_ROLE_ANY,
  // Only prescribers take the knowledge assessment, for themselves.
  'assessment:create': { prescriber: 'is-user' },
  // A certification is the subject's own (the prescriber; the setting's or pharmacy's staff).
  'certification:read': { admin: 'any', prescriber: 'is-user', nurse: 'member-of', pharmacist: 'member-of' },
  'certification:update': {
    admin: 'any',
    prescriber: 'is-user',
    nurse: 'member-of',
    pharmacist: 'member-of',
  },
  // The program operator certifies, suspends, revokes and reinstates.
  'certification:certify': ADMIN_ONLY,
  // The certification queue and the compliance dashboard are the program operator's (rems.md
  // "Program oversight"): they span every prescriber, setting and pharmacy.
  'certification:list': ADMIN_ONLY,
  'compliance:read': ADMIN_ONLY,
  // Dispense checks and records: pharmacists, for their own pharmacy (the principal's organization).
  'dispense:create': { pharmacist: 'any' },
  // Their pharmacy's dispense list (GET /dispenses): the route filters by the principal's organization.
  'dispense:list': { pharmacist: 'any' },
  'setting-schedule:list': { admin: 'any', nurse: 'member-of' },
  // The infusion day (issue #4): the setting's nurses record it (at their own setting only:
  // settingAllowed) and the program operator; the treating team reads the gate.
  'infusion:update': { admin: 'any', nurse: 'scheduled-here' },
  'infusion-gate:read': {
    admin: 'any',
    prescriber: 'prescribes',
    delegate: 'prescribes',
    nurse: 'scheduled-here',
  },
  'adverse-event:list': CARE_TEAM_READ,
  // Adverse events of interest are reported by the treating team (issue #4); the setting records
  // infusion reactions with the infusion itself (INF-6).
  'adverse-event:create': PRESCRIBING_TEAM,
  // The delegate may read and prepare a status form; only the prescriber signs it.
  'status-form:list': PRESCRIBING_TEAM,
  'status-form:read': PRESCRIBING_TEAM,
  // rems.md: status documentation is the certified prescriber's; a delegate may not sign it.
  'status-form:sign': { prescriber: 'prescribes' },
};

export type Target =
  | { kind: 'none' }
  | { kind: 'patient'; patientId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'authorization'; authorizationId: string; patientId: string }
  | { kind: 'organization'; organizationId: string };

const READS: ReadonlySet<Action> = new Set<Action>(['list', 'read']);
/** Roles that read no records: a write they may not make on a record is a 404, never a 403. */
const WRITE_ONLY_ROLES: ReadonlySet<Role> = new Set<Role>(['system']);

/** The relationship the policy requires of this caller, or undefined when the role may not act. */
export function relationFor(principal: Principal, resource: Resource, action: Action): Relation | undefined {
  return POLICY[`${resource}:${action}`]?.[principal.role];
}

/** Role-level question only (no record): may this caller ever do this? */
export function mayEver(principal: Principal, resource: Resource, action: Action): boolean {
  return relationFor(principal, resource, action) !== undefined;
}

/** The prescriber membership whose patients the caller treats, for `prescribes` (and the worklist index). */
export function treatingMembership(principal: Principal): string | null {
  switch (principal.role) {
    case 'prescriber':
      return principal.membershipId;
    case 'delegate':
      return principal.actsForMembershipId;
    case 'admin':
    case 'nurse':
    case 'pharmacist':
    case 'patient':
    case 'system':
      return null;
  }
}

const NOTHING = sql`false`;

// The relationship subqueries read their tables under aliases of their own: `patientId` may be a
// column of the outer query (patients.id in lists, authorizations.patient_id in
// authorizationScope), which an unaliased `exists (… from patients where patients.id = …)` would
// silently rebind to the inner table. `exists` with an equality on the patient id is an index
// probe per patient; the `x in (select … where organization = …)` form it replaces hashed every
// infusion of the setting for each single-patient check (≈ 4 ms a check on a busy setting,
// a third of the database time of FHIR ingest).
// (In an sql template an alias renders as its bare name, hence `from ${patients} as ${relPatients}`.)
const relPatients = alias(patients, 'rel_patients');
const relInfusions = alias(infusions, 'rel_infusions');
const relAuthorizations = alias(authorizations, 'rel_authorizations');

/** SQL condition: the patient whose id is `patientId` stands in `relation` to the caller. */
export function patientRelationSql(
  principal: Principal,
  relation: Relation,
  patientId: SQL | AnyColumn,
): SQL {
  switch (relation) {
    case 'any':
      return sql`true`;
    case 'prescribes': {
      const membership = treatingMembership(principal);
      return membership === null
        ? NOTHING
        : sql`exists (select 1 from ${patients} as ${relPatients} where ${relPatients.id} = ${patientId}
            and ${relPatients.prescriberMembershipId} = ${membership})`;
    }
    case 'scheduled-here':
      return sql`(exists (select 1 from ${infusions} as ${relInfusions} where ${relInfusions.patientId} = ${patientId}
          and ${relInfusions.settingOrganizationId} = ${principal.organizationId} and ${relInfusions.status} <> 'cancelled')
        or exists (select 1 from ${authorizations} as ${relAuthorizations} where ${relAuthorizations.patientId} = ${patientId}
          and ${relAuthorizations.settingOrganizationId} = ${principal.organizationId}))`;
    case 'is-patient':
      return principal.patientId === null ? NOTHING : sql`${patientId} = ${principal.patientId}`;
    case 'treated-here':
      return sql`(exists (select 1 from ${patients} as ${relPatients} where ${relPatients.id} = ${patientId}
          and ${relPatients.practiceOrganizationId} = ${principal.organizationId})
        or ${patientRelationSql(principal, 'scheduled-here', patientId)})`;
    case 'is-user':
    case 'dispensed-here':
    case 'setting-here':
    case 'member-of':
      // Not relationships to a patient: a policy mistake, refused rather than guessed.
      return NOTHING;
  }
}

async function holds(tx: Tx, principal: Principal, relation: Relation, target: Target): Promise<boolean> {
  switch (target.kind) {
    case 'none':
      return relation === 'any';
    case 'user':
      return relation === 'any' || (relation === 'is-user' && target.userId === principal.userId);
    case 'organization':
      return (
        relation === 'any' || (relation === 'member-of' && target.organizationId === principal.organizationId)
      );
    case 'patient':
      return exists(tx, patientRelationSql(principal, relation, sql`${target.patientId}`));
    case 'authorization':
      switch (relation) {
        case 'dispensed-here':
          return exists(
            tx,
            sql`exists (select 1 from ${dispenses} where ${dispenses.authorizationId} = ${target.authorizationId}
              and ${dispenses.pharmacyOrganizationId} = ${principal.organizationId})`,
          );
        case 'setting-here':
          return exists(
            tx,
            sql`exists (select 1 from ${authorizations} where ${authorizations.id} = ${target.authorizationId}
              and ${authorizations.settingOrganizationId} = ${principal.organizationId})`,
          );
        case 'any':
        case 'prescribes':
        case 'scheduled-here':
        case 'is-patient':
        case 'is-user':
        case 'member-of':
        case 'treated-here':
          return exists(tx, patientRelationSql(principal, relation, sql`${target.patientId}`));
      }
  }
}

async function exists(tx: Tx, condition: SQL): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(tx, sql`select (${condition}) as ok`);
  return rows[0]?.ok === true;
}

function notFound(): VigilError {
  return new VigilError('not-found', 'Not found.');
}

function forbidden(resource: Resource, action: Action): VigilError {
  return new VigilError('forbidden', `Your role may not ${action} this ${resource}.`);
}

/** What the caller must be able to see before a write on the target is even considered. */
function visibility(kind: Target['kind']): { resource: Resource; action: Action } | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'user':
      return { resource: 'user', action: 'read' };
    case 'patient':
      return { resource: 'patient', action: 'read' };
    case 'authorization':
      return { resource: 'authorization', action: 'read' };
    case 'organization':
      // Organizations are directory data: anyone may know one exists.
      return undefined;
  }
}

/**
 * The relationship a write's target must first be visible under (authorize's 404 step), or
 * undefined when the caller may not see it at all. A write-only role (a lab system reads no
 * records) sees exactly what it may write to.
 */
function visibleUnder(principal: Principal, relation: Relation, kind: Target['kind']): Relation | undefined {
  const see = visibility(kind);
  return see === undefined
    ? undefined
    : (relationFor(principal, see.resource, see.action) ??
        (WRITE_ONLY_ROLES.has(principal.role) ? relation : undefined));
}

/**
 * Throws unless the caller may perform `action` on `resource` for `target` (see the header for
 * which failure is 404 and which 403). Call it inside the request's transaction, after loading
 * the record's owning patient (or user) and before reading or changing anything else.
 */
export async function authorize(
  tx: Tx,
  principal: Principal,
  resource: Resource,
  action: Action,
  target: Target,
): Promise<void> {
  const relation = relationFor(principal, resource, action);
  const isRead = READS.has(action);
  if (isRead) {
    if (relation === undefined || !(await holds(tx, principal, relation, target))) {
      throw target.kind === 'none' ? forbidden(resource, action) : notFound();
    }
    return;
  }
  if (relation === undefined) {
    throw forbidden(resource, action);
  }
  if (visibility(target.kind)) {
    const seeRelation = visibleUnder(principal, relation, target.kind);
    if (seeRelation === undefined || !(await holds(tx, principal, seeRelation, target))) {
      throw notFound();
    }
  }
  if (!(await holds(tx, principal, relation, target))) {
    throw forbidden(resource, action);
  }
}

/** Patients per query: far below the 65,535 bind parameters of one statement. */
const PATIENTS_PER_QUERY = 2000;

/**
 * authorize() for one write on many patients at once (a Bundle's or a CSV batch's results, which
 * name a few dozen patients): one query per 2,000 patients instead of two index probes each. Each
 * id maps to undefined when authorize(…, { kind: 'patient', patientId }) would pass, or to the
 * error it would throw (404 for a patient the caller cannot see, 403 when it can but may not
 * write). Ids of patients that do not exist map to 404.
 */
export async function authorizePatientWrites(
  tx: Tx,
  principal: Principal,
  resource: Resource,
  action: Exclude<Action, 'list' | 'read'>,
  patientIds: readonly string[],
): Promise<Map<string, VigilError | undefined>> {
  const ids = [...new Set(patientIds)];
  const out = new Map<string, VigilError | undefined>();
  const relation = relationFor(principal, resource, action);
  if (relation === undefined) {
    for (const id of ids) {
      out.set(id, forbidden(resource, action));
    }
    return out;
  }
  const seeRelation = visibleUnder(principal, relation, 'patient');
  const wanted = sql`wanted.id`;
  for (let i = 0; i < ids.length; i += PATIENTS_PER_QUERY) {
    const chunk = ids.slice(i, i + PATIENTS_PER_QUERY);
    // Only ids of stored patients can be seen: `exists` on patients, as holds() asks for `any`.
    const rows = await queryRows<{ id: string; sees: boolean; may: boolean }>(
      tx,
      sql`select wanted.id as id,
          (exists (select 1 from ${patients} where ${patients.id} = ${wanted})
            and ${seeRelation === undefined ? NOTHING : patientRelationSql(principal, seeRelation, wanted)}) as sees,
          (${patientRelationSql(principal, relation, wanted)}) as may
        from (values ${sql.join(
          chunk.map((id) => sql`(${id})`),
          sql`, `,
        )}) as wanted(id)`,
    );
    for (const row of rows) {
      out.set(row.id, !row.sees ? notFound() : row.may ? undefined : forbidden(resource, action));
    }
  }
  return out;
}

/**
 * For lists: an SQL condition on a patient-id column that keeps only the patients the caller
 * may see for this resource. A role that may never list it gets 403 (a collection's existence
 * is no secret).
 */
export function patientScope(principal: Principal, resource: Resource, patientId: SQL | AnyColumn): SQL {
  const relation = relationFor(principal, resource, 'list');
  if (relation === undefined) {
    throw forbidden(resource, 'list');
  }
  return patientRelationSql(principal, relation, patientId);
}

/** For authorization lists: the same relationships as authorize(), as an SQL condition. */
export function authorizationScope(principal: Principal): SQL {
  const relation = relationFor(principal, 'authorization', 'list');
  switch (relation) {
    case undefined:
      throw forbidden('authorization', 'list');
    case 'dispensed-here':
      return sql`${authorizations.id} in (select ${dispenses.authorizationId} from ${dispenses}
        where ${dispenses.pharmacyOrganizationId} = ${principal.organizationId})`;
    case 'setting-here':
      return sql`${authorizations.settingOrganizationId} = ${principal.organizationId}`;
    case 'any':
    case 'prescribes':
    case 'scheduled-here':
    case 'is-patient':
    case 'is-user':
    case 'member-of':
    case 'treated-here':
      return patientRelationSql(principal, relation, authorizations.patientId);
  }
}

/**
 * Creating a patient under a prescriber: a prescriber only under themself, a delegate only under
 * their prescriber, an admin under anyone. Returns the prescriber membership to use.
 */
export function mayActFor(principal: Principal, requested: string | undefined): string {
  const relation = relationFor(principal, 'patient', 'create');
  if (relation === undefined) {
    throw forbidden('patient', 'create');
  }
  if (relation === 'any') {
    if (requested === undefined) {
      throw VigilError.invalid(
        'body.prescriberMembershipId',
        'required when an administrator creates a patient',
      );
    }
    return requested;
  }
  const own = treatingMembership(principal);
  if (own === null || (requested !== undefined && requested !== own)) {
    throw new VigilError('forbidden', 'You may create patients only under your own prescriber membership.');
  }
  return own;
}

/** A nurse records infusions only at their own setting. */
export function settingAllowed(principal: Principal, settingOrganizationId: string): void {
  if (principal.role === 'nurse' && settingOrganizationId !== principal.organizationId) {
    throw new VigilError('forbidden', 'You may record infusions only at your own healthcare setting.');
  }
}

/** Of `patientIds`, those for which the caller may do `action` on `resource` (per-row fields). */
export async function permittedPatients(
  tx: Tx,
  principal: Principal,
  resource: Resource,
  action: Action,
  patientIds: readonly string[],
): Promise<Set<string>> {
  const relation = relationFor(principal, resource, action);
  if (relation === undefined || patientIds.length === 0) {
    return new Set();
  }
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select ${patients.id} as id from ${patients} where ${patients.id} in (${sql.join(
      patientIds.map((id) => sql`${id}`),
      sql`, `,
    )}) and ${patientRelationSql(principal, relation, patients.id)}`,
  );
  return new Set(rows.map((r) => r.id));
}
