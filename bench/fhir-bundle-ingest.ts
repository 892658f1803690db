// Quick throughput check of FHIR ingest over HTTP (issue #5 target: >= 2,000 observations/s on
// PostgreSQL): batch Bundles of lab Observations posted by a lab system account through the real
// app (buildApp + inject: routing, auth, validation, runWrite), to patients in follow-up: one
// 5-infusion course in June 2025 and a monthly lab visit since (so the stored schedule, alerts and
// re-evaluation are those of a patient months into the 48-month follow-up), each patient
// re-evaluated once before timing starts. The measured Bundles carry this month's visit: `perPatient`
// results per patient (a blood count, kidney, urine, liver and thyroid panel is about 10).
//   npx tsx bench/fhir-bundle-ingest.ts [observations=2000] [perBundle=100] [perPatient=10] [concurrency=1]
// DATABASE_URL=postgres://… runs it on PostgreSQL (a scratch database, dropped afterwards).
import { performance } from 'node:perf_hooks';
import { toFhirId } from '../src/interop/fhir/ids.js';
import { LOINC_CODES } from '../src/interop/ingest/loinc.js';
import { verifyAuditChain } from '../src/store/audit.js';
import { withTransaction } from '../src/store/db.js';
import { insertPatient } from '../src/store/repos/patients.js';
import { recomputePatient } from '../src/jobs/recompute.js';
import { courses, infusions, labResults } from '../src/store/schema/index.js';
import { todayAt } from '../src/server/today.js';
import { startHarness } from '../src/server/test-harness.js';

const [total = 2000, perBundle = 100, perPatient = 10, concurrency = 1] = process.argv
  .slice(2)
  .map((a) => Number(a));

const ANALYTES = [
  ['platelets', '10*9/L', 240],
  ['wbc', '10*9/L', 6.1],
  ['neutrophils', '10*9/L', 3.4],
  ['lymphocytes', '10*9/L', 1.2],
  ['hemoglobin', 'g/dL', 13.5],
  ['creatinine', 'mg/dL', 0.9],
  ['urine-rbc', '/[HPF]', 1],
  ['alt', 'U/L', 22],
  ['ast', 'U/L', 24],
  ['tsh', 'm[IU]/L', 1.8],
] as const;
const HISTORY_MONTHS = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];

const h = await startHarness();
const patientCount = Math.ceil(total / perPatient);
const ids = await withTransaction(h.database, async (tx) => {
  const out: string[] = [];
  for (let i = 0; i < patientCount; i++) {
    const { patient } = await insertPatient(
      tx,
      {
        program: 'lemtrada',
        region: 'US',
        practiceOrganizationId: h.world.orgs.practice,
        prescriberMembershipId: h.world.users.prescriber.membershipId,
        demographics: {
          givenName: 'Bench',
          familyName: `Patient${i}`,
          birthDate: '1985-01-01',
          sex: 'female',
          childbearingPotential: true,
          email: null,
          phone: null,
          address: null,
        },
        facts: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
        identifiers: [],
      },
      h.now(),
    );
    const [course] = await tx
      .insert(courses)
      .values({ patientId: patient.id, number: 1, plannedInfusions: 5, createdAt: h.now() })
      .returning();
    for (let d = 0; d < 5; d++) {
      await tx.insert(infusions).values({
        patientId: patient.id,
        courseId: course?.id ?? '',
        date: `2025-06-0${d + 2}`,
        doseMg: 12,
        settingOrganizationId: h.world.orgs.setting,
        status: 'completed',
        startedAt: new Date(`2025-06-0${d + 2}T09:00:00Z`),
        endedAt: new Date(`2025-06-0${d + 2}T13:00:00Z`),
        createdAt: h.now(),
      });
    }
    await tx.insert(labResults).values(
      HISTORY_MONTHS.flatMap((month) =>
        ANALYTES.map(([analyte, unit, value]) => ({
          patientId: patient.id,
          analyte,
          value,
          unit,
          canonicalValue: value,
          canonicalUnit: unit,
          effectiveDate: `${month}-05`,
          sourceSystem: 'urn:lab:history',
          sourceId: `${patient.id}-${month}-${analyte}`,
          receivedAt: h.now(),
        })),
      ),
    );
    await recomputePatient(tx, patient.id, todayAt(h.now()), h.now());
    out.push(patient.id);
  }
  return out;
});

const observations = Array.from({ length: total }, (_, k) => {
  const patientId = ids[Math.floor(k / perPatient)] ?? '';
  const [analyte, unit, value] = ANALYTES[(k % perPatient) % ANALYTES.length] ?? ANALYTES[0];
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:lab:bench', value: `b-${k}` }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: LOINC_CODES[analyte][0] }] },
    subject: { reference: `Patient/${toFhirId(patientId)}` },
    effectiveDateTime: '2026-02-20',
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
});
const bundles: unknown[] = [];
for (let i = 0; i < observations.length; i += perBundle) {
  bundles.push({
    resourceType: 'Bundle',
    type: 'batch',
    entry: observations
      .slice(i, i + perBundle)
      .map((resource) => ({ resource, request: { method: 'POST', url: 'Observation' } })),
  });
}

await h.token('labSystem');
const started = performance.now();
let next = 0;
let failures = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let b = next++; b < bundles.length; b = next++) {
      const res = await h.as('labSystem', { method: 'POST', url: '/fhir', payload: bundles[b] as object });
      const created = res
        .json<{ entry?: { response: { status: string } }[] }>()
        .entry?.filter((e) => e.response.status.startsWith('201')).length;
      if (res.statusCode !== 200 || created !== perBundleOf(b)) {
        failures++;
        console.error(res.statusCode, res.body.slice(0, 300));
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const chain = await verifyAuditChain(h.database.db);
console.log(
  JSON.stringify({
    engine: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
    observations: total,
    perBundle,
    perPatient,
    concurrency,
    seconds: Number(seconds.toFixed(2)),
    observationsPerSecond: Math.round(total / seconds),
    failures,
    auditChain: chain.ok ? `ok (${chain.count})` : chain.reason,
  }),
);
await h.close();

function perBundleOf(b: number): number {
  return Math.min(perBundle, total - b * perBundle);
}
