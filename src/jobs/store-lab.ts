// Storing one inbound lab result (FHIR Observation, Bundle entry, CSV row: src/interop/ingest)
// inside the caller's transaction: find the patient the sender named, insert the result once
// (idempotent on sourceSystem + sourceId), re-run triage for that patient (recomputePatient, so
// alerts are stored with evidence, rule ID and protocol version) and append the result's own
// audit entry. The HTTP routes and `vigil import labs` share it; who may store for which patient
// is the caller's question (src/server/access.ts), asked between resolvePatientRef and storeLab.
import { VigilError } from '../errors/outcome.js';
import { fromFhirId } from '../interop/fhir/ids.js';
import type { IngestedLab, PatientRef } from '../interop/ingest/lab.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { IsoDate } from '../protocol/timeline.js';
import { canonicalizeEvents } from '../protocol/units.js';
import { appendAudit } from '../store/audit.js';
import type { Tx } from '../store/db.js';
import { isId } from '../store/ids.js';
import { insertLabResultOnce, type LabResultRow } from '../store/repos/clinical.js';
import { findPatientIdByIdentifier, patientIdsExist } from '../store/repos/patients.js';
import type { Role } from '../store/schema/values.js';
import { recomputePatient } from './recompute.js';

/** Who the audit entry names: a signed-in user, or null fields for an operator's CLI import. */
export interface IngestActor {
  userId: string | null;
  role: Role | null;
  organizationId: string | null;
}

export type LabStored =
  | { kind: 'created'; row: LabResultRow; alertsRaised: string[] }
  /** The same source identifier was already stored for this patient: nothing new. */
  | { kind: 'duplicate'; row: LabResultRow }
  /** The same source identifier names another patient's result: refused, without saying whose. */
  | { kind: 'conflict' };

/** A Vigil id (`pt_…`) or its FHIR form (`pt-…`); anything else is no Vigil patient. */
function vigilPatientId(id: string): string | undefined {
  if (isId('patient', id)) {
    return id;
  }
  try {
    const converted = fromFhirId(id);
    return isId('patient', converted) ? converted : undefined;
  } catch (err) {
    if (err instanceof VigilError) {
      return undefined;
    }
    throw err;
  }
}

/**
 * The stored patient the sender means: by Vigil id, or by an identifier enrolled with the patient
 * (patient_identifiers); never by name or birth date. Undefined when nobody matches.
 */
export async function resolvePatientRef(tx: Tx, ref: PatientRef): Promise<string | undefined> {
  switch (ref.kind) {
    case 'vigil-id': {
      const id = vigilPatientId(ref.id);
      if (id === undefined) {
        return undefined;
      }
      return (await patientIdsExist(tx, [id])).has(id) ? id : undefined;
    }
    case 'identifier':
      return findPatientIdByIdentifier(tx, ref.system, ref.value);
  }
}

/** The error an entry gets when its patient is unknown (or not the caller's to write for). */
export function unknownPatient(path: string): VigilError {
  return new VigilError('not-found', `${path}: no enrolled patient matches this subject`, [
    { path, message: 'no enrolled patient matches this subject (Vigil patient ID or enrolled identifier)' },
  ]);
}

export async function storeLab(
  tx: Tx,
  lab: IngestedLab,
  patientId: string,
  ctx: { now: Date; asOf: IsoDate; actor: IngestActor; via: string },
): Promise<LabStored> {
  const canonical = canonicalLab(lab);
  const { row, created } = await insertLabResultOnce(tx, {
    patientId,
    analyte: lab.event.analyte,
    value: lab.event.value,
    unit: lab.event.unit,
    canonicalValue: canonical.value,
    canonicalUnit: canonical.unit,
    effectiveDate: lab.event.date,
    referenceLow: lab.event.referenceRange?.low ?? null,
    referenceHigh: lab.event.referenceRange?.high ?? null,
    sourceSystem: lab.sourceSystem,
    sourceId: lab.sourceId,
    receivedAt: ctx.now,
  });
  if (!created) {
    return row.patientId === patientId ? { kind: 'duplicate', row } : { kind: 'conflict' };
  }
  const recompute = await recomputePatient(tx, patientId, ctx.asOf, ctx.now);
  await appendAudit(tx, {
    at: ctx.now,
    actorUserId: ctx.actor.userId,
    role: ctx.actor.role,
    organizationId: ctx.actor.organizationId,
    action: 'lab-result.create',
    targetType: 'lab-result',
    targetId: row.id,
    decision: {
      patientId,
      analyte: row.analyte,
      via: ctx.via,
      ...(recompute
        ? {
            recompute: {
              alertsRaised: recompute.raised,
              alertsUpdated: recompute.updated,
              alertsResolved: recompute.resolved,
              rules: [
                ...new Set(
                  recompute.verdict.alerts.filter((a) => recompute.raised.includes(a.key)).map((a) => a.rule),
                ),
              ],
            },
          }
        : {}),
    },
    protocolVersion: recompute?.verdict.protocolVersion ?? null,
  });
  return { kind: 'created', row, alertsRaised: recompute?.raised ?? [] };
}

/** The ingest mappers already ran units.ts; this only reads the converted value back. */
function canonicalLab(lab: IngestedLab): { value: number; unit: string } {
  try {
    const [converted] = canonicalizeEvents([lab.event]);
    if (converted?.type !== 'lab') {
      throw new Error('canonicalizeEvents changed the event type');
    }
    return { value: converted.value, unit: converted.unit };
  } catch (err) {
    if (err instanceof ProtocolInputError) {
      throw VigilError.invalid(err.path.replace(/^events\[0\]\.?/, ''), err.message);
    }
    throw err;
  }
}
