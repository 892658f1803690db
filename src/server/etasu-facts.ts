// The facts the ETASU decisions rest on, loaded from the store (rems.md "Authorization to
// dispense and to infuse"). The decisions themselves are src/rems/authorization.ts etasuFor and
// src/rems/dispense.ts decideDispense; CDS Hooks, $rems-etasu and their tests call this one
// loader, so every caller judges the same facts. A fact the store cannot establish is null
// (never "no"): the decisions then answer data-required.
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import { VigilError } from '../errors/outcome.js';
import { evaluate } from '../protocol/evaluate.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { programFor } from '../protocol/programs/index.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { Verdict } from '../protocol/verdict.js';
import type { EtasuFacts, ExistingAuthorization } from '../rems/authorization.js';
import type { DispenseFacts } from '../rems/dispense.js';
import type { Tx } from '../store/db.js';
import {
  organizationCertificationStatus,
  prescriberCertificationStatus,
} from '../store/repos/certifications.js';
import { liveEnrollmentOf } from '../store/repos/clinical.js';
import { loadTimeline } from '../store/repos/timeline.js';
import { authorizations, infusions, patients } from '../store/schema/index.js';

type AuthorizationRow = typeof authorizations.$inferSelect;

export interface LoadedEtasu {
  program: ProgramDefinition;
  facts: EtasuFacts;
  /** The engine's verdict on the same timeline (the course in progress, the next course). */
  verdict: Verdict;
}

export interface EtasuQuery {
  /** The planned first infusion, when the order states it (MedicationRequest boundsPeriod). */
  plannedStart?: IsoDate;
  /** The course asked about; by default the patient's current or next course. */
  course?: number;
  /** The healthcare setting the request names (a course authorization request). */
  settingId?: string;
}

function existing(row: AuthorizationRow): ExistingAuthorization {
  return { number: row.number, course: row.courseNumber, status: row.status, expiresOn: row.expiresOn };
}

/** The course asked about: the one an active authorization covers, else the running, else the next. */
function currentCourse(verdict: Verdict, active: AuthorizationRow | undefined): number {
  if (active !== undefined) {
    return active.courseNumber;
  }
  const running = verdict.courses.find((c) => c.status === 'in-progress' && c.infusions.length > 0);
  if (running !== undefined) {
    return running.number;
  }
  const given = verdict.courses.filter((c) => c.infusions.length > 0).length;
  // No next course (the cap is reached): ask about the one after the last, which DOSE-4 refuses.
  return verdict.nextCourse?.number ?? given + 1;
}

/**
 * The ETASU facts of one patient as of `asOf`, or undefined when there is no such patient. The
 * healthcare setting is the authorization's, else that of the next scheduled infusion; with
 * neither, its certification is unknown. The planned start is the order's, else the next
 * scheduled infusion's, else `asOf` (an order with no date is an order for now).
 */
export async function loadEtasuFacts(
  tx: Tx,
  patientId: string,
  asOf: IsoDate,
  query: EtasuQuery = {},
): Promise<LoadedEtasu | undefined> {
  const [patient] = await tx.select().from(patients).where(eq(patients.id, patientId)).limit(1);
  if (!patient) {
    return undefined;
  }
  const program = programFor(patient.program, patient.region);
  const timeline = await loadTimeline(tx, patientId, asOf);
  if (program === undefined || timeline === undefined) {
    throw new VigilError('internal', 'The stored patient has no program definition.');
  }
  const verdict = evaluate(timeline);
  const issued = await tx
    .select()
    .from(authorizations)
    .where(eq(authorizations.patientId, patientId))
    .orderBy(desc(authorizations.issuedAt), desc(authorizations.id));
  const course =
    query.course ??
    currentCourse(
      verdict,
      issued.find((a) => a.status === 'active'),
    );
  const authorization = issued.find((a) => a.courseNumber === course);
  const [nextInfusion] = await tx
    .select({ date: infusions.date, setting: infusions.settingOrganizationId })
    .from(infusions)
    .where(
      and(eq(infusions.patientId, patientId), eq(infusions.status, 'scheduled'), gte(infusions.date, asOf)),
    )
    .orderBy(asc(infusions.date))
    .limit(1);
  const setting = query.settingId ?? authorization?.settingOrganizationId ?? nextInfusion?.setting;
  const enrollment = await liveEnrollmentOf(tx, patientId);
  const facts: EtasuFacts = {
    prescriberCertification: await prescriberCertificationStatus(tx, patient.prescriberMembershipId),
    // REMS-PATIENT: without a complete Patient Enrollment Form (both signatures, counselling) the
    // patient's REMS status is not established, whoever asks (course authorization, $rems-etasu,
    // CDS Hooks): data-required, never "enrolled".
    patientStatus: enrollment?.status === 'complete' ? patient.status : null,
    patient: timeline.patient,
    events: timeline.events,
    course,
    plannedStart: query.plannedStart ?? nextInfusion?.date ?? asOf,
    settingCertification: setting === undefined ? null : await organizationCertificationStatus(tx, setting),
    asOf,
    authorization: authorization === undefined ? null : existing(authorization),
  };
  return { program, facts, verdict };
}

/**
 * The dispense check's facts for one authorization and the asking pharmacy, one vial to the
 * authorized setting: what a pharmacy may learn from the case number (rems.md: a pharmacist sees
 * only the authorization status of orders sent to their pharmacy).
 */
export async function loadDispenseFacts(
  tx: Tx,
  authorization: AuthorizationRow,
  pharmacyOrganizationId: string,
  asOf: IsoDate,
): Promise<DispenseFacts> {
  const [patient] = await tx
    .select({ status: patients.status })
    .from(patients)
    .where(eq(patients.id, authorization.patientId))
    .limit(1);
  return {
    authorization: {
      number: authorization.number,
      status: authorization.status,
      course: authorization.courseNumber,
      expiresOn: authorization.expiresOn,
      vialsRemaining: authorization.vialsRemaining,
      setting: authorization.settingOrganizationId,
      prescriber: authorization.prescriberMembershipId,
    },
    pharmacyCertification: await organizationCertificationStatus(tx, pharmacyOrganizationId),
    settingCertification: await organizationCertificationStatus(tx, authorization.settingOrganizationId),
    prescriberCertification: await prescriberCertificationStatus(tx, authorization.prescriberMembershipId),
    // rems.md "Patient": `authorized` is the per-course status the authorization put them in.
    patientAuthorizedForCourse: patient === undefined ? null : patient.status === 'authorized',
    vialsRequested: 1,
    destinationSetting: authorization.settingOrganizationId,
    asOf,
  };
}
