// Ingest throughput (issue #5 target: >= 2,000 observations/s on PostgreSQL over HTTP).
//   npm run bench -- ingest [--patients 10000] [--observations 5000] [--per-patient 11] [--per-bundle 99] [--connections 4]
// 1. FHIR: batch Bundles of lab Observations POSTed to /fhir by a lab system account over real
//    HTTP on loopback (the app as `vigil serve` builds it), `connections` clients at once
//    (autocannon), to synthetic patients in follow-up (each result re-evaluates its patient).
// 2. CSV: the same number of rows through the importer `vigil import labs` runs.
// 3. Baseline, same run: a bare multi-row INSERT of the same number of rows into lab_results
//    (batches of 500, one transaction), rolled back — storage alone, no validation, no triage.
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { toFhirId } from '../src/interop/fhir/ids.js';
import { LOINC_CODES } from '../src/interop/ingest/loinc.js';
import { importLabsCsv } from '../src/jobs/import-labs.js';
import { queryRows, withTransaction } from '../src/store/db.js';
import { labResults } from '../src/store/schema/index.js';
import {
  BENCH_AS_OF,
  BENCH_NOW,
  flag,
  machine,
  openBench,
  population,
  report,
  startBenchServer,
  tokenFor,
} from './monitoring-lib.js';

/**
 * One monthly monitoring draw as a lab sends it (protocol.md §6 MON-1 and MON-3: a CBC with
 * differential, creatinine, a urinalysis and the liver tests), normal values: the realistic shape
 * of a lab feed is a panel per patient, and each patient is re-evaluated once per Bundle for all
 * of its results. `--per-patient` takes the first n (1: one result per patient, the worst case).
 */
const PANEL = [
  ['platelets', '10*9/L', 240],
  ['wbc', '10*9/L', 6.1],
  ['neutrophils', '10*9/L', 3.4],
  ['lymphocytes', '10*9/L', 1.2],
  ['hemoglobin', 'g/dL', 13.5],
  ['creatinine', 'mg/dL', 0.8],
  ['urine-rbc', '/[HPF]', 1],
  ['urine-protein', '{grade}', 0],
  ['alt', 'U/L', 24],
  ['ast', 'U/L', 22],
  ['bilirubin', 'mg/dL', 0.6],
] as const;

class Rollback extends Error {}

export async function main(): Promise<void> {
  const wanted = flag('patients', 10_000);
  const total = flag('observations', 5000);
  const perPatient = Math.min(Math.max(flag('per-patient', PANEL.length), 1), PANEL.length);
  // Whole panels per Bundle (99 results for the 11-result panel), so each patient is in one Bundle.
  const perBundle = flag('per-bundle', perPatient * Math.max(1, Math.floor(100 / perPatient)));
  const connections = flag('connections', 4);
  const database = await openBench();
  try {
    await population(database, wanted);
    const m = await machine(database);
    const run = String(Date.now());
    // A lab system at the busiest infusion center; results for the patients it treats.
    const [setting] = await queryRows<{ id: string }>(
      database.db,
      sql`select setting_organization_id as id from infusions group by 1 order by count(*) desc limit 1`,
    );
    const targets = (
      await queryRows<{ id: string }>(
        database.db,
        sql`select distinct patient_id as id from infusions where setting_organization_id = ${setting?.id ?? ''} order by 1 limit ${Math.ceil(total / perPatient)}`,
      )
    ).map((r) => r.id);
    const row = (k: number) => {
      const [analyte, unit, value] = PANEL[k % perPatient] ?? PANEL[0];
      return {
        patientId: targets[Math.floor(k / perPatient) % targets.length] ?? '',
        analyte,
        unit,
        value,
      };
    };

    // --- FHIR over HTTP ---
    const server = await startBenchServer(database);
    const token = await tokenFor(database, server, 'system', setting?.id ?? '');
    const bundles = Math.ceil(total / perBundle);
    let nextBundle = 0;
    let created = 0;
    let failedEntries = 0;
    const bundleBody = (b: number): string => {
      const entry = [];
      for (let k = b * perBundle; k < Math.min(total, (b + 1) * perBundle); k++) {
        const r = row(k);
        entry.push({
          resource: {
            resourceType: 'Observation',
            identifier: [{ system: `urn:bench:fhir:${run}`, value: String(k) }],
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: LOINC_CODES[r.analyte][0] }] },
            subject: { reference: `Patient/${toFhirId(r.patientId)}` },
            effectiveDateTime: BENCH_AS_OF,
            valueQuantity: {
              value: r.value,
              unit: r.unit,
              system: 'http://unitsofmeasure.org',
              code: r.unit,
            },
          },
          request: { method: 'POST', url: 'Observation' },
        });
      }
      return JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry });
    };
    // Built before timing: the load generator runs on the server's event loop, and serializing
    // the Bundles there would be charged to ingest.
    const bodies = Array.from({ length: bundles }, (_, b) => bundleBody(b));
    const started = performance.now();
    const result = await autocannon({
      url: server.url,
      connections,
      amount: bundles,
      timeout: 120,
      requests: [
        {
          method: 'POST',
          path: '/fhir',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
          setupRequest: (req) => ({ ...req, body: bodies[nextBundle++] ?? '' }),
          onResponse: (status, body) => {
            if (status !== 200) {
              failedEntries += perBundle;
              return;
            }
            const answer = JSON.parse(body) as { entry?: { response: { status: string } }[] };
            for (const e of answer.entry ?? []) {
              if (e.response.status.startsWith('201')) {
                created++;
              } else {
                failedEntries++;
              }
            }
          },
        },
      ],
    });
    const fhirSeconds = (performance.now() - started) / 1000;
    await server.close();

    // --- CSV (the importer behind `vigil import labs`) ---
    const lines = ['patient_id,analyte,value,unit,date,source_system,source_id'];
    for (let k = 0; k < total; k++) {
      const r = row(k);
      lines.push(
        `${r.patientId},${r.analyte},${String(r.value)},${r.unit},${BENCH_AS_OF},urn:bench:csv:${run},${String(k)}`,
      );
    }
    const csvStarted = performance.now();
    const csv = await importLabsCsv(lines.join('\n'), {
      database,
      now: BENCH_NOW,
      asOf: BENCH_AS_OF,
      actor: { userId: null, role: null, organizationId: null },
      via: 'csv-cli',
      mayWrite: (_tx, patientIds) => Promise.resolve(new Set(patientIds)),
    });
    const csvSeconds = (performance.now() - csvStarted) / 1000;

    // --- baseline: bare multi-row INSERT of as many rows, rolled back ---
    const baselineStarted = performance.now();
    let baselineSeconds = 0;
    await withTransaction(database, async (tx) => {
      for (let start = 0; start < total; start += 500) {
        const values = [];
        for (let k = start; k < Math.min(total, start + 500); k++) {
          const r = row(k);
          values.push({
            patientId: r.patientId,
            analyte: r.analyte,
            value: r.value,
            unit: r.unit,
            canonicalValue: r.value,
            canonicalUnit: r.unit,
            effectiveDate: BENCH_AS_OF,
            sourceSystem: `urn:bench:sql:${run}`,
            sourceId: String(k),
            receivedAt: BENCH_NOW,
          });
        }
        await tx.insert(labResults).values(values);
      }
      baselineSeconds = (performance.now() - baselineStarted) / 1000;
      throw new Rollback();
    }).catch((err: unknown) => {
      if (!(err instanceof Rollback)) {
        throw err;
      }
    });

    report(
      'ingest',
      {
        patients: (
          await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from patients`)
        )[0]?.n,
        observations: total,
        targetPatients: targets.length,
        fhir: {
          perPatient,
          perBundle,
          connections,
          seconds: round(fhirSeconds),
          observationsPerSecond: Math.round(created / fhirSeconds),
          created,
          failedEntries,
          non2xx: result.non2xx,
          bundleLatencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
        },
        csv: {
          seconds: round(csvSeconds),
          rowsPerSecond: Math.round(csv.kind === 'imported' ? csv.report.created / csvSeconds : 0),
          result:
            csv.kind === 'imported'
              ? { created: csv.report.created, rejected: csv.report.rejected.length }
              : csv.kind,
        },
        baselineBareInsert: {
          seconds: round(baselineSeconds),
          rowsPerSecond: Math.round(total / baselineSeconds),
        },
      },
      m,
    );
  } finally {
    await database.close();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
