// Inbound lab results over FHIR R4 (issue #5): POST /fhir/Observation (one result) and POST /fhir
// (a batch or transaction Bundle of Observations). The mapping is src/interop/ingest's; this file
// only resolves each result's patient, asks access.ts whether the caller may write it, and stores
// it through src/jobs/store-lab.ts (idempotent on the Observation identifier, triage re-run in the
// same transaction). Semantics per entry: see the header of src/interop/ingest/bundle.ts.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigilError } from '../../errors/outcome.js';
import { toFhirId } from '../../interop/fhir/ids.js';
import {
  batchResponseBundle,
  bundleToLabs,
  rejectedEntryResults,
  transactionError,
  transactionResponseBundle,
  type EntryResult,
  type RejectedEntry,
} from '../../interop/ingest/bundle.js';
import type { IngestedLab } from '../../interop/ingest/lab.js';
import { observationToLab } from '../../interop/ingest/observation.js';
import { resolvePatientRef, storeLab, unknownPatient, type LabStored } from '../../jobs/store-lab.js';
import type { Tx } from '../../store/db.js';
import { authorize, mayEver } from '../access.js';
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

async function store(
  tx: Tx,
  principal: Principal,
  now: Date,
  lab: IngestedLab,
  patientId: string,
  resourcePath: string,
): Promise<Exclude<LabStored, { kind: 'conflict' }>> {
  const stored = await storeLab(tx, lab, patientId, {
    now,
    asOf: todayAt(now),
    actor: { userId: principal.userId, role: principal.role, organizationId: principal.organizationId },
    via: 'fhir',
  });
  if (stored.kind === 'conflict') {
    throw conflictAt(resourcePath);
  }
  return stored;
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
        const resourcePath = (index: number): string => `entry[${index}].resource`;
        if (parsed.type === 'transaction') {
          if (parsed.rejected.length > 0) {
            throw transactionError(parsed.rejected);
          }
          // Every patient first: a transaction with one unknown patient stores nothing.
          const patients: string[] = [];
          const refused: RejectedEntry[] = [];
          for (const entry of parsed.accepted) {
            try {
              patients.push(await patientFor(tx, principal, entry.lab, resourcePath(entry.index)));
            } catch (err) {
              if (!(err instanceof VigilError)) {
                throw err;
              }
              refused.push({ index: entry.index, issues: err.issues });
            }
          }
          if (refused.length > 0) {
            throw transactionError(refused);
          }
          const results: Exclude<EntryResult, { kind: 'rejected' }>[] = [];
          for (const [i, entry] of parsed.accepted.entries()) {
            const patientId = patients[i] ?? '';
            const stored = await store(tx, principal, now, entry.lab, patientId, resourcePath(entry.index));
            results.push({ index: entry.index, kind: stored.kind, location: location(stored.row) });
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
        for (const entry of parsed.accepted) {
          try {
            const patientId = await patientFor(tx, principal, entry.lab, resourcePath(entry.index));
            const stored = await store(tx, principal, now, entry.lab, patientId, resourcePath(entry.index));
            results.push({ index: entry.index, kind: stored.kind, location: location(stored.row) });
          } catch (err) {
            if (!(err instanceof VigilError)) {
              throw err;
            }
            results.push({ index: entry.index, kind: 'rejected', error: err });
          }
        }
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
