// The facts the infusion gate (INF-1, INF-2, PRE-1, PRE-3, INF-3) rests on, loaded from the
// store for one infusion. The decision is src/rems/infusion-gate.ts infusionGate. A fact nobody
// recorded is null ("unknown"), never "no".
import { VigilError } from '../errors/outcome.js';
import type { ProgramDefinition } from '../protocol/program.js';
import type { AuthorizationFact, GateFacts } from '../rems/infusion-gate.js';
import type { Tx } from '../store/db.js';
import type { AuthorizationRow } from '../store/repos/authorizations.js';
import { organizationCertificationStatus } from '../store/repos/certifications.js';
import { findCourse, type InfusionRow } from '../store/repos/clinical.js';
import { courseDayOf, gateAuthorization } from '../store/repos/infusion-day.js';
import { findPatientRecord } from '../store/repos/patients.js';
import { patientProgram } from './rems-program.js';

/** What the pre-infusion PATCH stores in `premedication` for PRE-1. */
export interface SteroidEntry {
  item: 'steroid';
  given: boolean;
  recordedAt: string;
}

/** What `vitals` holds: each set of vital signs with the phase it was taken in (INF-3). */
export interface VitalsEntry {
  phase: 'before' | 'during';
  at: string;
  [measurement: string]: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** PRE-1: the latest steroid entry recorded; null when none was. */
export function steroidGiven(row: InfusionRow): boolean | null {
  let given: boolean | null = null;
  for (const e of row.premedication as unknown[]) {
    if (isRecord(e) && e.item === 'steroid' && typeof e.given === 'boolean') {
      given = e.given;
    }
  }
  return given;
}

/** INF-3: vital signs recorded before the infusion; null (unknown) when none were. */
export function vitalsBefore(row: InfusionRow): boolean | null {
  return (row.vitals as unknown[]).some((e) => isRecord(e) && e.phase === 'before') ? true : null;
}

/**
 * rems.md: an authorization is valid through its expiry date; a `completed` one has had all its
 * infusions (exhausted).
 */
function authorizationFact(row: AuthorizationRow | undefined, onDate: string): AuthorizationFact {
  if (row === undefined) {
    return { status: 'none' };
  }
  const course = row.courseNumber;
  switch (row.status) {
    case 'active':
      return row.expiresOn < onDate ? { status: 'expired', course } : { status: 'active', course };
    case 'expired':
    case 'revoked':
      return { status: row.status, course };
    case 'completed':
      return { status: 'exhausted', course };
  }
}

export interface LoadedGate {
  program: ProgramDefinition;
  facts: GateFacts;
  /** Records consulted, for the audit entry. */
  evidence: { authorizationId: string | null; settingCertification: string | null };
}

export async function loadGateFacts(tx: Tx, infusion: InfusionRow): Promise<LoadedGate> {
  const record = await findPatientRecord(tx, infusion.patientId);
  const course = await findCourse(tx, infusion.courseId);
  if (!record || !course) {
    throw new VigilError('internal', 'The stored infusion has no patient or course.');
  }
  const program = patientProgram(record.patient.program, record.patient.region);
  const certification = await organizationCertificationStatus(tx, infusion.settingOrganizationId);
  const authorization = await gateAuthorization(tx, infusion.patientId, course.number);
  const facts: GateFacts = {
    // A setting with no certification on record is known not to be certified.
    settingCertified: certification === 'certified',
    authorization: authorizationFact(authorization, infusion.date),
    course: course.number,
    courseDay: await courseDayOf(tx, infusion),
    activeInfection: infusion.activeInfection,
    steroidGiven: steroidGiven(infusion),
    antiviralStarted: infusion.antiviralStarted,
    vitalsBefore: vitalsBefore(infusion),
  };
  return {
    program,
    facts,
    evidence: { authorizationId: authorization?.id ?? null, settingCertification: certification },
  };
}
