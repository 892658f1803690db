// Storing inbound lab results (FHIR Observation, Bundle entries, CSV rows: src/interop/ingest)
// inside the caller's transaction: find the patient the sender named, insert each result once
// (idempotent on sourceSystem + sourceId), re-run triage once per patient who got new results
// (recomputePatient, so alerts are stored with evidence, rule ID and protocol version) and append
// each result's own audit entry. The HTTP routes and `vigil import labs` share it; who may store for which patient
// is the caller's question (src/server/access.ts), asked between resolvePatientRef and storeLab.
import { VigilError } from '../errors/outcome.js';
import { fromFhirId } from '../interop/fhir/ids.js';
import type { IngestedLab, PatientRef } from '../interop/ingest/lab.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { IsoDate } from '../protocol/timeline.js';
import { canonicalizeEvents } from '../protocol/units.js';
import { appendAudits, type AuditEntry } from '../store/audit.js';
import type { Tx } from '../store/db.js';
import { isId } from '../store/ids.js';
import { insertLabResultsOnce, type LabResultRow } from '../store/repos/clinical.js';
import { findPatientIdByIdentifier, patientIdsExist } from '../store/repos/patients.js';
import type { Role } from '../store/schema/values.js';
import { recomputePatients, type RecomputeResult } from './recompute.js';

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
  return (await resolvePatientRefs(tx, [ref])).get(patientRefKey(ref));
}

/** A patient reference's identity: results name their patient several times, asked once each. */
export function patientRefKey(ref: PatientRef): string {
  return ref.kind === 'vigil-id' ? `id\u0000${ref.id}` : `ident\u0000${ref.system}\u0000${ref.value}`;
}

/**
 * resolvePatientRef for a batch (a Bundle's or a CSV batch's subjects), by patientRefKey: the
 * Vigil ids in one query, each enrolled identifier with its own.
 */
export async function resolvePatientRefs(
  tx: Tx,
  refs: readonly PatientRef[],
): Promise<Map<string, string | undefined>> {
  const distinct = new Map(refs.map((ref) => [patientRefKey(ref), ref]));
  const ids = new Map<string, string | undefined>();
  for (const [key, ref] of distinct) {
    if (ref.kind === 'vigil-id') {
      ids.set(key, vigilPatientId(ref.id));
    }
  }
  const stored = await patientIdsExist(tx, [...new Set([...ids.values()].filter((id) => id !== undefined))]);
  const out = new Map<string, string | undefined>();
  for (const [key, ref] of distinct) {
    if (ref.kind === 'vigil-id') {
      const id = ids.get(key);
      out.set(key, id !== undefined && stored.has(id) ? id : undefined);
    } else {
      out.set(key, await findPatientIdByIdentifier(tx, ref.system, ref.value));
    }
  }
  return out;
}

/** The error an entry gets when its patient is unknown (or not the caller's to write for). */
export function unknownPatient(path: string): VigilError {
  return new VigilError('not-found', `${path}: no enrolled patient matches this subject`, [
    { path, message: 'no enrolled patient matches this subject (Vigil patient ID or enrolled identifier)' },
  ]);
}

export interface StoreLabContext {
  now: Date;
  asOf: IsoDate;
  actor: IngestActor;
  via: string;
}

/** One result to store, for a patient the caller has already resolved and may write for. */
export interface LabToStore {
  lab: IngestedLab;
  patientId: string;
}

/** What became of one result of storeLabs; `invalid` when its value cannot be read (units.ts). */
export type LabOutcome = LabStored | { kind: 'invalid'; error: VigilError };

export async function storeLab(
  tx: Tx,
  lab: IngestedLab,
  patientId: string,
  ctx: StoreLabContext,
): Promise<LabStored> {
  const [outcome] = await storeLabs(tx, [{ lab, patientId }], ctx);
  if (outcome === undefined) {
    throw new Error('storeLabs returned no outcome');
  }
  if (outcome.kind === 'invalid') {
    throw outcome.error;
  }
  return outcome;
}

/**
 * Store many results in the caller's transaction (a Bundle, a CSV batch), one outcome per item in
 * order. Each result is stored once (the first of several items with the same source wins; the
 * others are duplicates, or conflicts when they name another patient), then each patient who got
 * a new result is re-evaluated ONCE, over all of them, rather than once per result: the verdict
 * after the last result is the same, and the alerts raised in between would be raised by it too
 * (alert keys name their evidence, protocol.md §7). Each stored result still gets its own
 * `lab-result.create` audit entry, naming the re-evaluation it took part in; the entries are
 * appended together, last, so the audit chain's lock is held only until the commit.
 */
export async function storeLabs(
  tx: Tx,
  items: readonly LabToStore[],
  ctx: StoreLabContext,
): Promise<LabOutcome[]> {
  const outcomes: (LabOutcome | undefined)[] = items.map(() => undefined);
  const firstBySource = new Map<string, number>();
  const toInsert: { index: number; values: Parameters<typeof insertLabResultsOnce>[1][number] }[] = [];
  items.forEach(({ lab, patientId }, index) => {
    let canonical: { value: number; unit: string };
    try {
      canonical = canonicalLab(lab);
    } catch (err) {
      if (err instanceof VigilError) {
        outcomes[index] = { kind: 'invalid', error: err };
        return;
      }
      throw err;
    }
    const key = sourceKey(lab);
    if (firstBySource.has(key)) {
      return; // settled below, against the row the first one stored or found
    }
    firstBySource.set(key, index);
    toInsert.push({
      index,
      values: {
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
      },
    });
  });
  const { inserted, existing } = await insertLabResultsOnce(
    tx,
    toInsert.map((t) => t.values),
  );
  const created = new Map(inserted.map((row) => [sourceKey(row), row]));
  const stored = new Map(existing.map((row) => [sourceKey(row), row]));
  const newRows = new Map<string, LabResultRow[]>();
  items.forEach(({ lab, patientId }, index) => {
    if (outcomes[index] !== undefined) {
      return;
    }
    const key = sourceKey(lab);
    const first = firstBySource.get(key) === index;
    const fresh = created.get(key);
    const row = fresh ?? stored.get(key);
    if (row === undefined) {
      throw new Error('lab result neither inserted nor found by its source');
    }
    if (row.patientId !== patientId) {
      outcomes[index] = { kind: 'conflict' };
    } else if (fresh !== undefined && first) {
      outcomes[index] = { kind: 'created', row, alertsRaised: [] };
      const rows = newRows.get(patientId);
      if (rows) {
        rows.push(row);
      } else {
        newRows.set(patientId, [row]);
      }
    } else {
      outcomes[index] = { kind: 'duplicate', row };
    }
  });

  const entries: AuditEntry[] = [];
  const raisedBy = new Map<string, string[]>();
  const recomputed = await recomputePatients(tx, [...newRows.keys()], ctx.asOf, ctx.now);
  for (const patientId of [...newRows.keys()].sort()) {
    const rows = newRows.get(patientId) ?? [];
    const recompute = recomputed.get(patientId);
    const raised = recompute?.raised ?? [];
    for (const row of rows) {
      raisedBy.set(row.id, raised);
      entries.push(auditEntry(row, patientId, rows, recompute, ctx));
    }
  }
  await appendAudits(tx, entries);
  return outcomes.map((o) => {
    if (o === undefined) {
      throw new Error('a lab result was left without an outcome');
    }
    return o.kind === 'created' ? { ...o, alertsRaised: raisedBy.get(o.row.id) ?? [] } : o;
  });
}

function sourceKey(r: { sourceSystem: string; sourceId: string }): string {
  return `${r.sourceSystem}\u0000${r.sourceId}`;
}

/** The stored result's own entry: its patient, analyte and the re-evaluation it took part in. */
function auditEntry(
  row: LabResultRow,
  patientId: string,
  together: readonly LabResultRow[],
  recompute: RecomputeResult | undefined,
  ctx: StoreLabContext,
): AuditEntry {
  return {
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
              // One re-evaluation covered every result stored for this patient in the transaction.
              ...(together.length > 1 ? { results: together.map((r) => r.id) } : {}),
            },
          }
        : {}),
    },
    protocolVersion: recompute?.verdict.protocolVersion ?? null,
  };
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
