// Nothing lost on a crash, and a clean shutdown (issue #8; docs/reliability.md "Crash safety",
// "Clean shutdown"). `vigil serve` runs as a child process on the database of this run: PGlite in
// a temp data dir when DATABASE_URL is unset, else a PostgreSQL database of its own created from
// DATABASE_URL (and dropped after). A lab interface streams FHIR Observations with unique
// identifiers from several concurrent senders; the server is killed with SIGKILL mid-stream and
// restarted on the same data (PGlite: the dead pid's lock file is taken over). Then:
// - every result whose request got a 2xx is stored exactly once, and no result is stored twice;
// - the results whose answer was lost are re-sent, as a lab interface would: each is stored once
//   (200 "already stored" when it had committed before the kill);
// - every alert a fresh evaluation of the stored timeline implies is present;
// - each stored result has its one audit entry, and the audit chain verifies.
// Then SIGTERM while requests are in flight: they finish with their answers, the process exits
// 0, and the data directory opens at once in another process (PGlite closed, lock released).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { config } from '../src/config.js';
import { toFhirId } from '../src/interop/fhir/ids.js';
import { evaluate } from '../src/protocol/evaluate.js';
import { PASSWORD, seedWorld, type World } from '../src/server/test-harness.js';
import { todayAt } from '../src/server/today.js';
import { verifyAuditChain } from '../src/store/audit.js';
import { openDatabase, withTransaction, type Database } from '../src/store/db.js';
import { lockPathFor } from '../src/store/lock.js';
import { migrate } from '../src/store/migrate.js';
import { loadTimeline } from '../src/store/repos/timeline.js';
import { alerts, auditLog, labResults } from '../src/store/schema/index.js';
import {
  createDatabase,
  dropDatabase,
  login,
  postJson,
  slowPost,
  startServe,
  type SendOutcome,
  type ServeProcess,
  type ServeTarget,
} from './serve-process.js';

const SOURCE = 'urn:lab:crash-test';
const SENDERS = 4;
/** SIGKILL once this many results were acknowledged: mid-stream, whatever the machine's speed. */
const KILL_AFTER_ACKS = 40;
const SLOW = 180_000;

const adminUrl = config().databaseUrl;
const dir = mkdtempSync(join(tmpdir(), 'vigil-crash-'));
const dbName = `vigil_crash_${process.pid}`;
let target: ServeTarget | undefined;
const children: ServeProcess[] = [];

afterAll(async () => {
  for (const c of children) {
    if (c.child.exitCode === null && c.child.signalCode === null) {
      c.child.kill('SIGKILL');
      await c.exited;
    }
  }
  if (adminUrl !== undefined && target !== undefined) {
    await dropDatabase(adminUrl, dbName);
  }
  rmSync(dir, { recursive: true, force: true });
});

async function serve(): Promise<ServeProcess> {
  if (!target) {
    throw new Error('no target');
  }
  const c = await startServe(target);
  children.push(c);
  return c;
}

async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  if (!target) {
    throw new Error('no target');
  }
  const database = await openDatabase(target);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

let world: World;
let n = 0;

/** A platelet count with a unique identifier; every fifth is low (85: ALR-PLT) on its own date. */
function observation(id: string): Record<string, unknown> {
  const i = ++n;
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    resourceType: 'Observation',
    identifier: [{ system: SOURCE, value: id }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
    subject: { reference: `Patient/${toFhirId(world.patients.own)}` },
    effectiveDateTime: `2026-10-${day}`,
    valueQuantity: {
      value: i % 5 === 0 ? 85 : 250,
      unit: '10*9/L',
      system: 'http://unitsofmeasure.org',
      code: '10*9/L',
    },
  };
}

/** Sender 0 posts transaction Bundles of this many results (all or nothing); the others, one each. */
const BUNDLE_SIZE = 5;

interface Sent {
  /** The Observation identifiers the request carried. */
  ids: string[];
  path: '/fhir' | '/fhir/Observation';
  body: unknown;
  outcome: SendOutcome;
}

function nextRequest(prefix: string, sender: number, i: number): Omit<Sent, 'outcome'> {
  if (sender !== 0) {
    const id = `${prefix}-${sender}-${i}`;
    return { ids: [id], path: '/fhir/Observation', body: observation(id) };
  }
  const ids = Array.from({ length: BUNDLE_SIZE }, (_, k) => `${prefix}-${sender}-${i}-${k}`);
  return {
    ids,
    path: '/fhir',
    body: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: ids.map((id) => ({
        resource: observation(id),
        request: { method: 'POST', url: 'Observation' },
      })),
    },
  };
}

/**
 * SENDERS loop posting one request after another until `stop()` says so; `onAck` sees the
 * running count of acknowledged requests.
 */
async function stream(
  url: string,
  token: string,
  prefix: string,
  stop: () => boolean,
  onAck: (acked: number) => void,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  let acked = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      for (let i = 0; !stop(); i++) {
        const req = nextRequest(prefix, s, i);
        const outcome = await postJson(`${url}${req.path}`, token, req.body);
        sent.push({ ...req, outcome });
        if (outcome.kind === 'acked') {
          onAck(++acked);
        }
      }
    }),
  );
  return sent;
}

/** The entry statuses of a transaction-response Bundle ('201 Created', '200 OK'). */
function entryStatuses(body: unknown): string[] {
  const entries = (body as { entry?: { response?: { status?: string } }[] }).entry ?? [];
  return entries.map((e) => e.response?.status ?? '');
}

async function storedCounts(database: Database, prefix: string): Promise<Map<string, number>> {
  const rows = await database.db
    .select({ sourceId: labResults.sourceId })
    .from(labResults)
    .where(and(eq(labResults.sourceSystem, SOURCE), like(labResults.sourceId, `${prefix}-%`)));
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.sourceId, (counts.get(r.sourceId) ?? 0) + 1);
  }
  return counts;
}

/** The alert keys the engine derives from the stored timeline today, and those missing from the table. */
async function impliedAlerts(
  database: Database,
  patientId: string,
): Promise<{ rules: string[]; missing: string[] }> {
  const timeline = await loadTimeline(database.db, patientId, todayAt(new Date()));
  if (!timeline) {
    throw new Error('no timeline');
  }
  const verdict = evaluate(timeline);
  const stored = await database.db.select().from(alerts).where(eq(alerts.patientId, patientId));
  const present = new Set(stored.filter((a) => a.status !== 'resolved').map((a) => a.dedupeKey));
  return {
    rules: verdict.alerts.map((a) => a.rule),
    missing: verdict.alerts.map((a) => a.key).filter((k) => !present.has(k)),
  };
}

/** Stored results of `prefix` lacking exactly one lab-result.create audit entry. */
async function unaudited(database: Database, prefix: string): Promise<string[]> {
  const labs = await database.db
    .select({ id: labResults.id })
    .from(labResults)
    .where(and(eq(labResults.sourceSystem, SOURCE), like(labResults.sourceId, `${prefix}-%`)));
  const ids = labs.map((l) => l.id);
  const entries =
    ids.length === 0
      ? []
      : await database.db
          .select({ targetId: auditLog.targetId })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'lab-result.create'), inArray(auditLog.targetId, ids)));
  const count = new Map<string, number>();
  for (const e of entries) {
    count.set(e.targetId ?? '', (count.get(e.targetId ?? '') ?? 0) + 1);
  }
  return ids.filter((id) => count.get(id) !== 1);
}

function tally(sent: Sent[]): Record<SendOutcome['kind'], number> {
  return {
    acked: sent.filter((s) => s.outcome.kind === 'acked').length,
    refused: sent.filter((s) => s.outcome.kind === 'refused').length,
    unanswered: sent.filter((s) => s.outcome.kind === 'unanswered').length,
  };
}

const kind = adminUrl === undefined ? 'PGlite' : 'PostgreSQL';

describe(`vigil serve as a process on ${kind}`, () => {
  it(
    'seeds the world the lab interface writes into',
    async () => {
      target =
        adminUrl === undefined
          ? { databaseUrl: undefined, dataDir: join(dir, 'data') }
          : { databaseUrl: await createDatabase(adminUrl, dbName), dataDir: join(dir, 'unused') };
      world = await withDb(async (database) => {
        await migrate(database);
        return withTransaction(database, (tx) => seedWorld(tx, new Date()));
      });
      expect(world.users.labSystem.role).toBe('system');
    },
    SLOW,
  );

  it(
    'SIGKILL mid-stream loses no acknowledged result, stores none twice, and misses no alert',
    async () => {
      const first = await serve();
      const token = await login(first.url, world.users.labSystem.email, PASSWORD);
      let killed = false;
      const sent = await stream(
        first.url,
        token,
        'crash',
        () => killed,
        (acked) => {
          if (acked === KILL_AFTER_ACKS && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        },
      );
      expect(await first.exited).toBe('SIGKILL');
      const before = tally(sent);

      // Restart on the same data. PGlite: the lock file still names the killed pid; the new
      // process must take it over (lock.ts), not refuse to start.
      const lockPath = target?.databaseUrl === undefined ? lockPathFor(join(dir, 'data')) : undefined;
      if (lockPath !== undefined) {
        expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: first.pid });
      }
      const second = await serve();
      if (lockPath !== undefined) {
        expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: second.pid });
      }
      // The session survived the crash (it is stored); re-send what got no answer, as a lab would.
      const lost = sent.filter((s) => s.outcome.kind !== 'acked');
      let committedUnanswered = 0;
      for (const s of lost) {
        const again = await postJson(`${second.url}${s.path}`, token, s.body);
        if (again.kind !== 'acked') {
          throw new Error(`re-send of ${s.ids.join(', ')} failed: ${JSON.stringify(again)}`);
        }
        if (s.path === '/fhir') {
          // A transaction is all or nothing: either every entry was already stored or none was.
          const statuses = entryStatuses(again.body);
          expect(statuses).toHaveLength(BUNDLE_SIZE);
          expect(new Set(statuses.map((x) => x.slice(0, 3))).size, statuses.join()).toBe(1);
          committedUnanswered += statuses[0]?.startsWith('200') === true ? 1 : 0;
        } else {
          committedUnanswered += again.status === 200 ? 1 : 0;
        }
      }
      // An acknowledged one re-sent is recognized, not stored again.
      const firstAcked = sent.find((s) => s.outcome.kind === 'acked' && s.path === '/fhir/Observation');
      const dup = await postJson(`${second.url}/fhir/Observation`, token, firstAcked?.body);
      expect(dup).toMatchObject({ kind: 'acked', status: 200 });

      second.child.kill('SIGTERM');
      expect(await second.exited, second.output()).toBe(0);

      await withDb(async (database) => {
        const counts = await storedCounts(database, 'crash');
        const ids = sent.flatMap((s) => s.ids);
        for (const id of ids) {
          expect(counts.get(id) ?? 0, id).toBe(1);
        }
        expect([...counts.values()].every((c) => c === 1)).toBe(true);
        const implied = await impliedAlerts(database, world.patients.own);
        // The stream's low platelet counts (85) imply ALR-PLT alerts: the check is not vacuous.
        expect(implied.rules).toContain('ALR-PLT');
        expect(implied.missing).toEqual([]);
        expect(await unaudited(database, 'crash')).toEqual([]);
        expect((await verifyAuditChain(database.db)).ok).toBe(true);
        console.info(
          `[crash ${kind}] ${sent.length} requests carrying ${ids.length} results (${SENDERS} senders, ` +
            `one of them transaction Bundles of ${BUNDLE_SIZE}): acknowledged ${before.acked}, ` +
            `refused ${before.refused}, unanswered at SIGKILL ${before.unanswered} ` +
            `(of which committed before the kill: ${committedUnanswered}); ` +
            `stored after re-sending ${counts.size}; restart to listening ${Math.round(second.startMs)} ms`,
        );
      });
    },
    SLOW,
  );

  it(
    'SIGTERM lets in-flight requests finish, exits 0, and releases the database at once',
    async () => {
      const server = await serve();
      const token = await login(server.url, world.users.labSystem.email, PASSWORD);
      // Requests the server has already taken (headers read) whose bodies are still uploading.
      const slow = ['term-slow-0', 'term-slow-1', 'term-slow-2'].map((id) => ({
        id,
        post: slowPost(`${server.url}/fhir/Observation`, token, observation(id)),
      }));
      await Promise.all(slow.map((s) => s.post.accepted));
      let terminated = false;
      const streaming = stream(
        server.url,
        token,
        'term',
        () => terminated,
        (acked) => {
          if (acked === 10 && !terminated) {
            terminated = true;
            server.child.kill('SIGTERM');
          }
        },
      );
      const sent = await streaming;
      expect(terminated).toBe(true);
      // The uploads finish after SIGTERM and still get their answers.
      const statuses = await Promise.all(slow.map((s) => s.post.finish()));
      expect(statuses).toEqual([201, 201, 201]);
      expect(await server.exited, server.output()).toBe(0);
      if (target?.databaseUrl === undefined) {
        expect(existsSync(lockPathFor(join(dir, 'data')))).toBe(false);
      }

      // Opens immediately (no lock to take over, no recovery to wait for).
      await withDb(async (database) => {
        const counts = await storedCounts(database, 'term');
        for (const s of slow) {
          expect(counts.get(s.id), s.id).toBe(1);
        }
        for (const id of sent.filter((x) => x.outcome.kind === 'acked').flatMap((x) => x.ids)) {
          expect(counts.get(id), id).toBe(1);
        }
        expect((await verifyAuditChain(database.db)).ok).toBe(true);
        const t = tally(sent);
        console.info(
          `[sigterm ${kind}] 3 uploads in flight answered 201; stream: acknowledged ${t.acked}, ` +
            `refused ${t.refused} (503 while closing), unanswered ${t.unanswered} (connection refused after close)`,
        );
      });
    },
    SLOW,
  );
});
