// Inbound lab results over FHIR R4 (issue #5): POST /fhir/Observation (one result) and POST /fhir
// (a batch or transaction Bundle of Observations). The mapping is src/interop/ingest's; this file
// only resolves each result's patient, asks access.ts whether the caller may write it, and stores
// it through src/jobs/store-lab.ts (idempotent on the Observation identifier, triage re-run in the
// same transaction). Semantics per entry: see the header of src/interop/ingest/bundle.ts.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigilError, type IssueDetail } from '../../errors/outcome.js';
import { toFhirId } from '../../interop/fhir/ids.js';
import {
  batchResponseBundle,
  bundleToLabs,
  rejectedEntryResults,
  transactionError,
  transactionResponseBundle,
  type AcceptedEntry,
  type EntryResult,
  type RejectedEntry,
} from '../../interop/ingest/bundle.js';
import type { IngestedLab } from '../../interop/ingest/lab.js';
import { observationToLab } from '../../interop/ingest/observation.js';
import {
  patientRefKey,
  resolvePatientRef,
  resolvePatientRefs,
  storeLab,
  storeLabs,
  unknownPatient,
  type LabStored,
  type LabToStore,
} from '../../jobs/store-lab.js';
import type { Tx } from '../../store/db.js';
import { authorize, authorizePatientWrites, mayEver } from '../access.js';
import type { AppDeps } from '../deps.js';
import { FHIR_JSON } from '../fhir-json.js';
import type { Principal } from '../principal.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';

/** Any JSON object: the FHIR mapping checks every field and names each fault by its path. */
const fhirResource = z.record(z.string(), z.unknown());

const tags = ['fhir'];

function mayIngest(principal: Principal): void {
  if (!mayEver(principal, 'lab-result', 'create')) {
    throw new VigilError('forbidden', 'Your role may not create this lab-result.');
  }
}

/** `subject` of the Observation at `resourcePath` (`''` or `entry[2].resource`). */
function subjectPath(resourcePath: string): string {
  return resourcePath === '' ? 'subject' : `${resourcePath}.subject`;
}

/**
 * The patient of one result, checked for this caller: unknown patients and patients the caller
 * may not see get the same answer naming the entry's subject (existence is not revealed).
 */
async function patientFor(
  tx: Tx,
  principal: Principal,
  lab: IngestedLab,
  resourcePath: string,
): Promise<string> {
  const at = subjectPath(resourcePath);
  const patientId = await resolvePatientRef(tx, lab.patientRef);
  if (patientId === undefined) {
    throw unknownPatient(at);
  }
  try {
    await authorize(tx, principal, 'lab-result', 'create', { kind: 'patient', patientId });
  } catch (err) {
    if (err instanceof VigilError && err.kind === 'not-found') {
      throw unknownPatient(at);
    }
    throw err;
  }
  return patientId;
}

function conflictAt(resourcePath: string): VigilError {
  const path = resourcePath === '' ? 'identifier[0]' : `${resourcePath}.identifier[0]`;
  return new VigilError('conflict', `${path}: this identifier is already recorded for another patient`, [
    { path, message: 'already recorded for another patient' },
  ]);
}

function location(row: { id: string }): string {
  return `Observation/${toFhirId(row.id)}`;
}

function ingestContext(principal: Principal, now: Date) {
  return {
    now,
    asOf: todayAt(now),
    actor: { userId: principal.userId, role: principal.role, organizationId: principal.organizationId },
    via: 'fhir',
  };
}

async function store(
  tx: Tx,
  principal: Principal,
  now: Date,
  lab: IngestedLab,
  patientId: string,
  resourcePath: string,
): Promise<Exclude<LabStored, { kind: 'conflict' }>> {
  const stored = await storeLab(tx, lab, patientId, ingestContext(principal, now));
  if (stored.kind === 'conflict') {
    throw conflictAt(resourcePath);
  }
  return stored;
}

/**
 * Each entry's patient, resolved and checked for the whole Bundle at once (results usually come
 * several per patient, for a few dozen patients): the patient id, or the error naming that
 * entry's subject.
 */
async function patientsOf(
  tx: Tx,
  principal: Principal,
  entries: readonly AcceptedEntry[],
): Promise<(string | VigilError)[]> {
  const byRef = await resolvePatientRefs(
    tx,
    entries.map((e) => e.lab.patientRef),
  );
  const found = [...byRef.values()].filter((id) => id !== undefined);
  const refused = await authorizePatientWrites(tx, principal, 'lab-result', 'create', found);
  return entries.map((entry) => {
    const patientId = byRef.get(patientRefKey(entry.lab.patientRef));
    const error = patientId === undefined ? undefined : refused.get(patientId);
    // A patient the caller may not see is answered exactly as an unknown one (404, per entry);
    // any other refusal sinks the request, as authorize() would.
    if (error !== undefined && error.kind !== 'not-found') {
      throw error;
    }
    return patientId === undefined || error !== undefined
      ? unknownPatient(subjectPath(resourcePathOf(entry.index)))
      : patientId;
  });
}

function resourcePathOf(index: number): string {
  return `entry[${index}].resource`;
}

/** Issues of the storage step name fields of the result; prefix them with the entry's path. */
function entryIssues(index: number, err: VigilError): IssueDetail[] {
  const at = resourcePathOf(index);
  return err.issues.map((i) => ({
    ...i,
    path: i.path === undefined || i.path === '' ? at : `${at}.${i.path}`,
  }));
}

function sendFhir(reply: FastifyReply): void {
  void reply.type(FHIR_JSON);
}

export const fhirIngestRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.post(
    '/fhir/Observation',
    {
      schema: {
        tags,
        summary: 'Submit one lab result; the same identifier again returns the original (200)',
        body: fhirResource,
      },
    },
    async (request, reply) => {
      let where: string | undefined;
      const body = await runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        mayIngest(principal);
        const read = observationToLab(request.body, '');
        if (read.kind === 'error') {
          throw new VigilError('invalid', 'The Observation was not stored', read.issues);
        }
        const patientId = await patientFor(tx, principal, read.lab, '');
        const stored = await store(tx, principal, now, read.lab, patientId, '');
        where = location(stored.row);
        return {
          status: stored.kind === 'created' ? 201 : 200,
          body: {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'information',
                code: 'informational',
                diagnostics:
                  stored.kind === 'created'
                    ? `Stored as ${where}`
                    : `Already stored as ${where}: nothing new was stored`,
              },
            ],
          },
          audit: {
            action: 'fhir.observation',
            targetType: 'lab-result',
            targetId: stored.row.id,
            decision: {
              patientId,
              stored: stored.kind,
              alertsRaised: stored.kind === 'created' ? stored.alertsRaised : [],
            },
          },
        };
      });
      if (where !== undefined) {
        void reply.header('location', where);
      }
      sendFhir(reply);
      return body;
    },
  );

  app.post(
    '/fhir',
    {
      schema: {
        tags,
        summary: 'A batch (each entry on its own) or transaction (all or nothing) Bundle of lab Observations',
        body: fhirResource,
      },
    },
    async (request, reply) => {
      const body = await runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        mayIngest(principal);
        const parsed = bundleToLabs(request.body);
        if (parsed.kind === 'error') {
          throw new VigilError('invalid', 'The Bundle was not read', parsed.issues);
        }
        const resourcePath = resourcePathOf;
        if (parsed.type === 'transaction') {
          if (parsed.rejected.length > 0) {
            throw transactionError(parsed.rejected);
          }
          // Every patient first: a transaction with one unknown patient stores nothing.
          const patients = await patientsOf(tx, principal, parsed.accepted);
          const refused: RejectedEntry[] = [];
          const toStore: LabToStore[] = [];
          parsed.accepted.forEach((entry, i) => {
            const patient = patients[i];
            if (patient instanceof VigilError) {
              refused.push({ index: entry.index, issues: patient.issues });
            } else if (patient !== undefined) {
              toStore.push({ lab: entry.lab, patientId: patient });
            }
          });
          if (refused.length > 0) {
            throw transactionError(refused);
          }
          const outcomes = await storeLabs(tx, toStore, ingestContext(principal, now));
          const results: Exclude<EntryResult, { kind: 'rejected' }>[] = [];
          for (const [i, entry] of parsed.accepted.entries()) {
            const outcome = outcomes[i];
            if (outcome === undefined) {
              throw new Error('no outcome for a transaction entry');
            }
            // All or nothing: an entry that cannot be stored rolls the whole transaction back.
            if (outcome.kind === 'invalid') {
              throw transactionError([
                { index: entry.index, issues: entryIssues(entry.index, outcome.error) },
              ]);
            }
            if (outcome.kind === 'conflict') {
              throw conflictAt(resourcePath(entry.index));
            }
            results.push({ index: entry.index, kind: outcome.kind, location: location(outcome.row) });
          }
          return {
            status: 200,
            body: transactionResponseBundle(results),
            audit: {
              action: 'fhir.transaction',
              targetType: 'bundle',
              targetId: null,
              decision: { entries: results.map((r) => ({ index: r.index, stored: r.kind, at: r.location })) },
            },
          };
        }
        const results: EntryResult[] = rejectedEntryResults(parsed.rejected);
        const patients = await patientsOf(tx, principal, parsed.accepted);
        const toStore: { entry: AcceptedEntry; item: LabToStore }[] = [];
        parsed.accepted.forEach((entry, i) => {
          const patient = patients[i];
          if (patient instanceof VigilError) {
            results.push({ index: entry.index, kind: 'rejected', error: patient });
          } else if (patient !== undefined) {
            toStore.push({ entry, item: { lab: entry.lab, patientId: patient } });
          }
        });
        const outcomes = await storeLabs(
          tx,
          toStore.map((t) => t.item),
          ingestContext(principal, now),
        );
        toStore.forEach(({ entry }, i) => {
          const outcome = outcomes[i];
          if (outcome === undefined) {
            throw new Error('no outcome for a batch entry');
          }
          switch (outcome.kind) {
            case 'invalid':
              results.push({
                index: entry.index,
                kind: 'rejected',
                error: new VigilError(
                  outcome.error.kind,
                  outcome.error.message,
                  entryIssues(entry.index, outcome.error),
                ),
              });
              break;
            case 'conflict':
              results.push({
                index: entry.index,
                kind: 'rejected',
                error: conflictAt(resourcePath(entry.index)),
              });
              break;
            case 'created':
            case 'duplicate':
              results.push({ index: entry.index, kind: outcome.kind, location: location(outcome.row) });
              break;
          }
        });
        return {
          status: 200,
          body: batchResponseBundle(results),
          audit: {
            action: 'fhir.batch',
            targetType: 'bundle',
            targetId: null,
            decision: {
              entries: results
                .sort((a, b) => a.index - b.index)
                .map((r) =>
                  r.kind === 'rejected'
                    ? { index: r.index, stored: 'rejected', code: r.error.kind }
                    : { index: r.index, stored: r.kind, at: r.location },
                ),
            },
          },
        };
      });
      sendFhir(reply);
      return body;
    },
  );

  return Promise.resolve();
};
