// The server side of the load benchmark (bench/load.ts; issue #8 "Load"), run as its own process
// so its memory is the server's alone. It migrates a PostgreSQL database, seeds it with
// `vigil synth` (src/jobs/synth.ts) plus an administrator, a pharmacist and authorizations to
// check against, builds the real app and listens on loopback.
//
// Beside the two measured routes it registers, in this process only, two baseline routes that
// replay the SQL the real route sent for one request (captured at the pg driver): the same
// statements with the same parameters (the patient id swapped for the one asked), without
// Fastify validation, authorization logic, the rules engine or serialization. The baseline of
// the dispense check ends its transaction with ROLLBACK (the captured request too), so replaying
// the same ids does not collide; the real route commits.
//
// Usage (by bench/load.ts): tsx bench/load-server.ts <postgres-url> <patients> <seed> [reuse]
// With `reuse`, a database already holding a `vigil synth` population (e.g. the 10^5 one the
// monitoring benchmarks use) is loaded as it is, at the population's own date.
// Prints one JSON line (port, tokens, sample ids), then serves until SIGTERM.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { parseConfig } from '../src/config.js';
import { SYNTH_MRN_SYSTEM, synthesize } from '../src/jobs/synth.js';
import { addDays } from '../src/protocol/dates.js';
import { createUser } from '../src/server/accounts/create-user.js';
import { buildApp } from '../src/server/app.js';
import { openPostgres, queryRows, withTransaction, type Database, type Tx } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { insertOrganization } from '../src/store/repos/organizations.js';
import { findUserByEmail } from '../src/store/repos/users.js';
import { authorizations } from '../src/store/schema/index.js';

export const AS_OF = '2026-03-02';
export const PASSWORD = 'load benchmark password';
/** Authorizations the dispense checks cycle through. */
const AUTHORIZATIONS = 200;

interface Statement {
  text: string;
  values: unknown[];
}

// --- capture at the driver ----------------------------------------------------------------------

let recording: Statement[] | undefined;
let rollbackInsteadOfCommit = false;
type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;
const clientPrototype = pg.Client.prototype as unknown as { query: QueryFn };
const originalQuery = clientPrototype.query;
clientPrototype.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
  const text =
    typeof config === 'string'
      ? config
      : typeof config === 'object' && config !== null && 'text' in config
        ? String(config.text)
        : undefined;
  if (text !== undefined && recording !== undefined) {
    const params = Array.isArray(values)
      ? values
      : typeof config === 'object' && config !== null && 'values' in config && Array.isArray(config.values)
        ? (config.values as unknown[])
        : [];
    recording.push({ text, values: params });
    if (rollbackInsteadOfCommit && /^\s*commit\s*;?\s*$/i.test(text)) {
      return originalQuery.call(this, 'rollback', undefined, callback);
    }
  }
  return originalQuery.call(this, config, values, callback);
};

/** The population to load against: an existing synthetic one (`--reuse`), or a fresh synth. */
interface Population {
  asOf: string;
  patientIds: string[];
  pharmacy: string;
  setting: string;
  rows: unknown;
}

async function existingPopulation(database: Database): Promise<Population | undefined> {
  const [world] = await queryRows<{ decision: { asOf: string; settings: string[]; pharmacies: string[] } }>(
    database.db,
    sql`select decision from audit_log where action = 'synth.world' order by seq limit 1`,
  );
  if (world === undefined) {
    return undefined;
  }
  // A sample spread over the whole population (md5 order), not its first rows.
  const ids = await queryRows<{ id: string }>(
    database.db,
    sql`select patient_id as id from patient_identifiers where system = ${SYNTH_MRN_SYSTEM}
        order by md5(patient_id) limit 5000`,
  );
  const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from patients`);
  return {
    asOf: world.decision.asOf,
    patientIds: ids.map((r) => r.id),
    pharmacy: world.decision.pharmacies[0] ?? '',
    setting: world.decision.settings[0] ?? '',
    rows: { patients: count?.n, reused: true },
  };
}

async function accountFor(
  tx: Tx,
  email: string,
  organizationId: string,
  role: 'admin' | 'pharmacist',
  now: Date,
) {
  if ((await findUserByEmail(tx, email)) === undefined) {
    await createUser(
      tx,
      { email, displayName: `Load ${role}`, password: PASSWORD, memberships: [{ organizationId, role }] },
      now,
    );
  }
}

async function main(): Promise<void> {
  const [url, patientsArg, seedArg, reuseArg] = process.argv.slice(2);
  if (url === undefined) {
    throw new Error('usage: load-server.ts <postgres-url> <patients> <seed> [reuse]');
  }
  const patients = Number(patientsArg ?? '1000');
  const seed = Number(seedArg ?? '1');
  const database = await openPostgres(url, { max: 10 });
  await migrate(database);
  const existing = reuseArg === 'reuse' ? await existingPopulation(database) : undefined;
  const population: Population =
    existing ??
    (await synthesize(database, {
      patients,
      seed,
      asOf: AS_OF,
      prescriberPassword: PASSWORD,
      workers: 0,
    }).then((synth) => ({
      asOf: AS_OF,
      patientIds: synth.patientIds.slice(0, 5000),
      pharmacy: synth.pharmacies[0] ?? '',
      setting: synth.settings[0] ?? '',
      rows: synth.rows,
    })));
  const now = new Date(`${population.asOf}T12:00:00.000Z`);
  const { pharmacy, setting } = population;
  await withTransaction(database, async (tx) => {
    const [program] = await queryRows<{ id: string }>(
      tx,
      sql`select id from organizations where kind = 'program' and name = 'Load program' limit 1`,
    );
    const programId =
      program?.id ?? (await insertOrganization(tx, { kind: 'program', name: 'Load program', now })).id;
    await accountFor(tx, 'load-admin@vigil.load', programId, 'admin', now);
    await accountFor(tx, 'load-pharmacist@vigil.load', pharmacy, 'pharmacist', now);
    const owners = await queryRows<{ id: string; prescriber: string }>(
      tx,
      sql`select id, prescriber_membership_id as prescriber from patients order by id limit ${AUTHORIZATIONS}`,
    );
    for (const [i, p] of owners.entries()) {
      // A reused database keeps the authorizations of an earlier run: each run starts from the
      // same 5 vials, so runs compare.
      await tx
        .insert(authorizations)
        .values({
          number: `LOAD-${String(i).padStart(4, '0')}`,
          patientId: p.id,
          courseNumber: 1,
          prescriberMembershipId: p.prescriber,
          settingOrganizationId: setting,
          plannedInfusions: 5,
          vialsRemaining: 5,
          expiresOn: addDays(population.asOf, 44),
          protocolVersion: 'lemtrada-us-2024-03',
        })
        .onConflictDoUpdate({ target: authorizations.number, set: { vialsRemaining: 5 } });
    }
  });

  const app = await buildApp({
    database,
    config: parseConfig({ VIGIL_LOG_LEVEL: 'warn', NODE_ENV: 'development' }),
    clock: () => now,
    limits: {
      requestsPerMinutePerAddress: 100_000_000,
      loginsPerMinutePerAccount: 1000,
      loginsPerMinutePerAddress: 1000,
    },
    webRoot: null,
  });

  const captured: { state: Statement[]; dispense: Statement[]; statePatient: string } = {
    state: [],
    dispense: [],
    statePatient: population.patientIds[0] ?? '',
  };
  const replay = async (statements: Statement[], swap?: [string, string]): Promise<void> => {
    const client = await database.client.connect();
    try {
      for (const s of statements) {
        const values = swap ? s.values.map((v) => (v === swap[0] ? swap[1] : v)) : s.values;
        await client.query({ text: s.text, values }).catch((err: unknown) => {
          // A failed replay must leave the connection clean before the pool takes it back.
          void client.query('rollback').catch(() => undefined);
          throw new Error(`baseline replay failed at: ${s.text.slice(0, 120)}: ${String(err)}`);
        });
      }
    } finally {
      client.release();
    }
  };
  app.get<{ Params: { id: string } }>('/bench/baseline/patients/:id/state', async (request) => {
    await replay(captured.state, [captured.statePatient, request.params.id]);
    return { ok: true };
  });
  app.post('/bench/baseline/dispense-checks', async () => {
    await replay(captured.dispense);
    return { ok: true };
  });
  app.get('/bench/memory', () => process.memoryUsage());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const login = async (email: string): Promise<string> => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email, password: PASSWORD, mode: 'bearer' },
    });
    return res.json<{ token: string }>().token;
  };
  const adminToken = await login('load-admin@vigil.load');
  const pharmacistToken = await login('load-pharmacist@vigil.load');

  // One request of each measured route, recorded at the driver.
  recording = captured.state;
  await app.inject({
    method: 'GET',
    url: `/patients/${captured.statePatient}/state`,
    headers: { authorization: `Bearer ${adminToken}` },
  });
  recording = captured.dispense;
  rollbackInsteadOfCommit = true;
  const check = await app.inject({
    method: 'POST',
    url: '/dispense-checks',
    headers: { authorization: `Bearer ${pharmacistToken}` },
    payload: { authorizationNumber: 'LOAD-0000', vials: 1, destinationSettingId: setting },
  });
  recording = undefined;
  // Replays roll back as the captured request did; the measured route keeps its ROLLBACK only
  // for that one captured request.
  captured.dispense = captured.dispense.map((s) =>
    /^\s*commit\s*;?\s*$/i.test(s.text) ? { text: 'rollback', values: [] } : s,
  );
  rollbackInsteadOfCommit = false;

  console.log(
    JSON.stringify({
      port,
      adminToken,
      pharmacistToken,
      setting,
      patientIds: population.patientIds,
      authorizationNumbers: Array.from(
        { length: AUTHORIZATIONS },
        (_, i) => `LOAD-${String(i).padStart(4, '0')}`,
      ),
      statements: { state: captured.state.length, dispense: captured.dispense.length },
      capturedDispenseStatus: check.statusCode,
      rows: population.rows,
    }),
  );
  const stop = (): void => {
    void app.close().then(() => database.close());
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
