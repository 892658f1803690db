// The daily monitoring sweep (`vigil sweep`, and the daily timer of `vigil serve`). Between two
// writes for a patient, time alone changes what the protocol says (§6): a window closes and its
// unsatisfied occurrence is overdue; an overdue alert turns urgent; a window opens. The sweep finds
// exactly those patients and occurrences with range scans on partial indexes (repos/sweep.ts), so
// its cost follows what falls due that day, not how many patients there are.
//
// Overdue occurrences and their alerts are not derived here: each affected patient is
// re-evaluated with recomputePatient, the same function every write calls, so the monitoring-overdue
// alert has the engine's own key, severity and text (schedule.ts overdueAlerts), and the stored
// schedule gains the next upcoming occurrence of the test. Patients are processed in batches, each
// batch one transaction closed by ONE summarizing audit entry (`monitoring.sweep`) listing the
// patients re-evaluated and what changed, rather than one entry per patient: the sweep's changes
// are the engine's, re-derivable from the records, and a per-patient entry would double the
// sweep's writes. Reminders are queued the same way, in batches with one audit entry each.
import { asc } from 'drizzle-orm';
import type { ProgramDefinition } from '../protocol/program.js';
import { PROGRAMS, programByVersion } from '../protocol/programs/index.js';
import { addDays } from '../protocol/dates.js';
import type { IsoDate } from '../protocol/timeline.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database } from '../store/db.js';
import { patients } from '../store/schema/index.js';
import {
  insertReminders,
  markDue,
  patientsWithAlertsToRaise,
  patientsWithClosedWindows,
  reminderCandidates,
  type NewReminder,
  type ReminderCandidate,
} from '../store/repos/sweep.js';
import { recomputePatient, recomputePatients, type RecomputeResult } from './recompute.js';
import type { TemplateName } from './templates/index.js';

/** The alert-text key of the overdue alert in program data (schedule.ts). */
const OVERDUE_TEXT = 'monitoring-overdue';

export interface SweepOptions {
  /** Today, in the server's time zone (server/today.ts todayAt). */
  asOf: IsoDate;
  /** Stamps the rows and the audit entries. */
  now: Date;
  /** Patients re-evaluated per transaction (default 200). */
  batchSize?: number;
  /** Rows per transaction for the bulk steps (default 5000). */
  rowBatchSize?: number;
  /** Batches run at once: 1 on PGlite (one connection); a few on PostgreSQL (default 1). */
  concurrency?: number;
  /** Called after each batch with the patients done so far and in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Re-evaluate every patient, not only those the date affected: once after an upgrade that
   * changes what re-evaluation stores (migration 0006 began storing satisfied occurrences, which
   * the compliance dashboard counts), so existing records need not wait for their next write.
   */
  allPatients?: boolean;
}

export interface SweepFailure {
  patientId: string;
  /** The error's message: opaque IDs only (StoredTimelineError, ProtocolInputError). */
  reason: string;
}

export interface SweepReport {
  asOf: IsoDate;
  /** Patients re-evaluated (a window closed, or an overdue alert is due to turn urgent). */
  patients: number;
  raised: number;
  updated: number;
  resolved: number;
  /** Occurrences marked due because their window opened. */
  markedDue: number;
  remindersQueued: number;
  batches: number;
  failed: SweepFailure[];
}

type Handle = Pick<Database, 'db'>;

/** Run the whole sweep for `asOf`. Idempotent: a second run the same day changes nothing. */
export async function runSweep(database: Handle, options: SweepOptions): Promise<SweepReport> {
  const report: SweepReport = {
    asOf: options.asOf,
    patients: 0,
    raised: 0,
    updated: 0,
    resolved: 0,
    markedDue: 0,
    remindersQueued: 0,
    batches: 0,
    failed: [],
  };
  await reevaluate(database, options, report);
  await markOpenedWindowsDue(database, options, report);
  for (const program of PROGRAMS) {
    await queueReminders(database, program, options, report);
  }
  return report;
}

/** The patients whose verdict changed with the date alone. */
export async function affectedPatients(database: Handle, asOf: IsoDate): Promise<string[]> {
  const ids = new Set(await patientsWithClosedWindows(database.db, asOf));
  for (const program of PROGRAMS) {
    const text = program.alertTexts[OVERDUE_TEXT];
    if (text === undefined) {
      continue;
    }
    // §6: urgent once more than overdueUrgentAfterDays past the window's end; the alert's date
    // is the day after the window closed, so those alerts are dated on or before asOf − days.
    const candidates = await patientsWithAlertsToRaise(database.db, {
      program: program.program,
      region: program.region,
      code: text.code,
      below: 'warning',
      dateOnOrBefore: addDays(asOf, -program.monitoring.overdueUrgentAfterDays.value),
    });
    for (const id of candidates) {
      ids.add(id);
    }
  }
  return [...ids].sort();
}

/** Every patient, in id order (sweep --all-patients). */
async function allPatientIds(database: Handle): Promise<string[]> {
  const rows = await database.db.select({ id: patients.id }).from(patients).orderBy(asc(patients.id));
  return rows.map((r) => r.id);
}

async function reevaluate(database: Handle, options: SweepOptions, report: SweepReport): Promise<void> {
  const ids =
    options.allPatients === true
      ? await allPatientIds(database)
      : await affectedPatients(database, options.asOf);
  const size = options.batchSize ?? 200;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) {
    batches.push(ids.slice(i, i + size));
  }
  let done = 0;
  await inParallel(batches, options.concurrency ?? 1, async (batch) => {
    await reevaluateBatch(database, batch, options, report);
    done += batch.length;
    options.onProgress?.(done, ids.length);
  });
}

async function reevaluateBatch(
  database: Handle,
  patientIds: readonly string[],
  options: SweepOptions,
  report: SweepReport,
): Promise<void> {
  const { asOf, now } = options;
  const totals = { raised: 0, updated: 0, resolved: 0 };
  const versions = new Set<string>();
  const failed: SweepFailure[] = [];
  const done: string[] = [];
  await withTransaction(database, async (tx) => {
    const count = (patientId: string, result: RecomputeResult): void => {
      done.push(patientId);
      totals.raised += result.raised.length;
      totals.updated += result.updated.length;
      totals.resolved += result.resolved.length;
      versions.add(result.verdict.protocolVersion);
    };
    // The whole batch in one pass (recomputePatients: one query per table, not a dozen round
    // trips per patient), in a savepoint; if any record in it cannot be evaluated, the batch is
    // redone a patient at a time, so that record fails alone, not its batch.
    let together: Map<string, RecomputeResult> | undefined;
    try {
      together = await tx.transaction((sp) => recomputePatients(sp, patientIds, asOf, now));
    } catch {
      together = undefined;
    }
    for (const patientId of patientIds) {
      if (together !== undefined) {
        const result = together.get(patientId);
        if (result !== undefined) {
          count(patientId, result);
        }
        continue;
      }
      try {
        const result = await tx.transaction((sp) => recomputePatient(sp, patientId, asOf, now));
        if (result !== undefined) {
          count(patientId, result);
        }
      } catch (err) {
        failed.push({ patientId, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    // Last in the transaction: the audit chain's lock is then held only until the commit.
    await appendAudit(tx, {
      at: now,
      actorUserId: null,
      role: null,
      organizationId: null,
      action: 'monitoring.sweep',
      targetType: 'patient-batch',
      targetId: null,
      decision: {
        asOf,
        rules: cadenceRules(versions),
        reason:
          'monitoring windows closed, or overdue alerts due to become urgent, since the last evaluation',
        reevaluated: done,
        ...totals,
        failed: failed.map((f) => f.patientId),
        protocolVersions: [...versions].sort(),
      },
      protocolVersion: versions.size === 1 ? [...versions][0] : null,
    });
  });
  report.patients += done.length;
  report.raised += totals.raised;
  report.updated += totals.updated;
  report.resolved += totals.resolved;
  report.failed.push(...failed);
  report.batches++;
}

/** The monitoring rule IDs (MON-*, CAM-9) of the program versions a batch was evaluated under. */
function cadenceRules(versions: ReadonlySet<string>): string[] {
  const rules = new Set<string>();
  for (const version of versions) {
    for (const cadence of programByVersion(version)?.monitoring.cadences ?? []) {
      rules.add(cadence.rule);
    }
  }
  return [...rules].sort();
}

/** §6: an occurrence is due once asOf is inside its window; the stored status follows. */
async function markOpenedWindowsDue(
  database: Handle,
  options: SweepOptions,
  report: SweepReport,
): Promise<void> {
  const size = options.rowBatchSize ?? 5000;
  for (;;) {
    const changed = await withTransaction(database, async (tx) => {
      const n = await markDue(tx, options.asOf, options.now, size);
      if (n > 0) {
        await appendAudit(tx, {
          at: options.now,
          actorUserId: null,
          role: null,
          organizationId: null,
          action: 'monitoring.mark-due',
          targetType: 'occurrence-batch',
          targetId: null,
          decision: { asOf: options.asOf, rule: '§6 due: asOf inside the window', occurrences: n },
        });
      }
      return n;
    });
    if (changed === 0) {
      return;
    }
    report.markedDue += changed;
    report.batches++;
  }
}

/** The longest window (end − start, in days) of any of the program's cadences. */
function longestWindowDays(program: ProgramDefinition): number {
  return Math.max(0, ...program.monitoring.cadences.map((c) => 2 * c.windowDays));
}

/**
 * Reminders (program data monitoring.reminders [D]): a lab reminder for every test but the
 * questionnaires once the window opens within leadDays; a questionnaire reminder once its window
 * is open. Tests of one patient sharing a window are one visit and get one message; its dedupe
 * key names the patient, the kind and the window, so every occurrence gets exactly one reminder of
 * its kind however often the sweep runs. Only patients with an email on file are reminded.
 */
async function queueReminders(
  database: Handle,
  program: ProgramDefinition,
  options: SweepOptions,
  report: SweepReport,
): Promise<void> {
  const { asOf } = options;
  const { leadDays, questionnaireTests } = program.monitoring.reminders.value;
  const longest = longestWindowDays(program);
  // A lab reminder: the window opens in (asOf, asOf + leadDays].
  const labStart: [IsoDate, IsoDate] = [addDays(asOf, 1), addDays(asOf, leadDays)];
  await queueKind(database, program, options, report, 'lab-reminder', {
    windowStart: labStart,
    windowEnd: [labStart[0], addDays(labStart[1], longest)],
    tests: { except: questionnaireTests },
  });
  if (questionnaireTests.length > 0) {
    // A questionnaire reminder: the window holds asOf.
    await queueKind(database, program, options, report, 'questionnaire-due', {
      windowStart: [addDays(asOf, -longest), asOf],
      windowEnd: [asOf, addDays(asOf, longest)],
      tests: { only: questionnaireTests },
    });
  }
}

async function queueKind(
  database: Handle,
  program: ProgramDefinition,
  options: SweepOptions,
  report: SweepReport,
  template: TemplateName,
  range: {
    windowStart: [IsoDate, IsoDate];
    windowEnd: [IsoDate, IsoDate];
    tests: { only: string[] } | { except: string[] };
  },
): Promise<void> {
  const size = options.rowBatchSize ?? 5000;
  let cursor: { windowStart: IsoDate; id: string } | null = null;
  for (;;) {
    const page: ReminderCandidate[] = await reminderCandidates(
      database.db,
      { program: program.program, region: program.region, ...range },
      cursor,
      size,
    );
    const last = page.at(-1);
    if (last === undefined) {
      return;
    }
    cursor = { windowStart: last.windowStart, id: last.id };
    const reminders = groupReminders(page, template, options.now);
    const queued = await withTransaction(database, async (tx) => {
      const n = await insertReminders(tx, reminders);
      if (n > 0) {
        await appendAudit(tx, {
          at: options.now,
          actorUserId: null,
          role: null,
          organizationId: null,
          action: 'notification.queue-reminders',
          targetType: 'notification-batch',
          targetId: null,
          decision: { asOf: options.asOf, template, queued: n, candidates: reminders.length },
          protocolVersion: program.version,
        });
      }
      return n;
    });
    report.remindersQueued += queued;
    report.batches++;
    if (page.length < size) {
      return;
    }
  }
}

/** One reminder per patient, kind and window: the tests of one visit together. */
export function groupReminders(
  occurrences: readonly ReminderCandidate[],
  template: TemplateName,
  now: Date,
): NewReminder[] {
  const groups = new Map<string, ReminderCandidate[]>();
  for (const o of occurrences) {
    const key = `${template}:${o.patientId}:${o.windowStart}:${o.windowEnd}`;
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  return [...groups.entries()].map(([dedupeKey, list]) => {
    const first = list[0];
    if (first === undefined) {
      throw new Error('empty reminder group');
    }
    return {
      recipient: `patient:${first.patientId}`,
      template,
      payload: {
        patientId: first.patientId,
        tests: [...new Set(list.map((o) => o.test))].sort(),
        windowStart: first.windowStart,
        windowEnd: first.windowEnd,
      },
      causeRef: `patient:${first.patientId}`,
      dedupeKey,
      nextAttemptAt: now,
    };
  });
}

/** Run `fn` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) {
        await fn(item);
      }
    }
  });
  await Promise.all(lanes);
}
