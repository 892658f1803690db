// The daily monitoring sweep (`vigil sweep`, and the daily timer of `vigil serve`). Between two
// writes for a patient, time alone changes what the protocol says (§6): a window closes and its
// unsatisfied occurrence is overdue; an overdue alert turns urgent; a window opens. The sweep finds
// exactly those patients and occurrences with range scans on partial indexes (repos/sweep.ts), so
// its cost follows what falls due that day, not how many patients there are. A window opening
// changes no stored row: an open occurrence is stored 'upcoming' whatever asOf is, and 'due' is
// derived from its window dates (§6; recompute.ts storedOccurrenceStatus), so nothing is updated
// for it (marking those rows due was half of the sweep's time, issue #5).
//
// Closed windows and overdue alerts turning urgent are settled from the stored rows where the
// rows decide it (sweep-rows.ts planPatient): per batch, the affected patients' open occurrences,
// monitoring-overdue alerts and infusions are read with one query each; the engine's own
// overdueAlerts (schedule.ts) says which occurrences are overdue and which alert each must have;
// and when a test's earliest stored occurrence has opened, the test's next occurrence, which
// re-evaluation would store (storedSchedule), is placed with the engine's scheduleAnchors and
// buildSchedule from the infusions alone. The batch writes one statement per kind of change
// (occurrences → overdue, next occurrences inserted, alerts inserted once per key (§7), alerts
// rewritten, e.g. warning → urgent) and queues the message for any alert raised or turned
// urgent or critical (alert-raised.ts notifyRaisedAlerts, as recompute does). No lab history is loaded.
//
// A patient the rows cannot settle is re-evaluated in full with recomputePatients, the function
// every write calls, exactly as the sweep did before: rows under another or unknown protocol
// version; a stored overdue alert the stored schedule does not account for; a next occurrence
// that results could move (a cadence with stopWhen or ending with the therapy window, CAM-9; a
// next window already open); stored slots the infusions no longer give; no recorded sex. So no
// overdue occurrence is missed: every closed window is either settled here or re-evaluated.
// sweep-equivalence.test.ts runs a synthetic population for 40 days both ways and finds the same
// alerts, occurrences, status forms and messages every day.
//
// Patients are processed in batches, each batch one transaction closed by ONE summarizing audit
// entry (`monitoring.sweep`) naming the patients settled from rows and those re-evaluated and
// what changed, rather than one entry per patient: the sweep's changes are the engine's,
// re-derivable from the records, and a per-patient entry would double the sweep's writes.
// Reminders are queued the same way, in batches with one audit entry each. `--all-patients`
// re-evaluates everyone (after an upgrade) and settles nothing from rows.
import { asc } from 'drizzle-orm';
import type { ProgramDefinition } from '../protocol/program.js';
import { PROGRAMS, programByVersion } from '../protocol/programs/index.js';
import { addDays, isAfter } from '../protocol/dates.js';
import type { IsoDate } from '../protocol/timeline.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database, type Tx } from '../store/db.js';
import { patients } from '../store/schema/index.js';
import { groupByPatient } from '../store/repos/group-by-patient.js';
import { givenInfusionEvents } from '../store/repos/timeline.js';
import {
  insertAlertsOnce,
  insertOccurrences,
  insertReminders,
  markOverdue,
  patientsWithAlertsToRaise,
  patientsWithClosedWindows,
  reminderCandidates,
  rewriteAlerts,
  sweepRowsOf,
  type NewReminder,
  type ReminderCandidate,
} from '../store/repos/sweep.js';
import { notifyRaisedAlerts } from './alert-raised.js';
import {
  alertRow,
  occurrenceRow,
  recomputePatient,
  recomputePatients,
  type RecomputeResult,
} from './recompute.js';
import { OVERDUE_TEXT, planPatient, type PatientPlan } from './sweep-rows.js';
import type { TemplateName } from './templates/index.js';

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
  /**
   * Patients re-evaluated in full (recomputePatients): those the stored rows cannot settle
   * (sweep-rows.ts), or everyone with allPatients.
   */
  patients: number;
  /** Patients whose date-driven changes were worked out from their stored rows alone. */
  settled: number;
  /** Occurrences marked overdue from the stored rows (§6; re-evaluation's are not counted). */
  markedOverdue: number;
  /** Tests' next occurrences stored from the rows and infusions (re-evaluation's not counted). */
  nextOccurrencesStored: number;
  raised: number;
  updated: number;
  resolved: number;
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
    settled: 0,
    markedOverdue: 0,
    nextOccurrencesStored: 0,
    raised: 0,
    updated: 0,
    resolved: 0,
    remindersQueued: 0,
    batches: 0,
    failed: [],
  };
  await reevaluate(database, options, report);
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
  const all = options.allPatients === true;
  const ids = all ? await allPatientIds(database) : await affectedPatients(database, options.asOf);
  const size = options.batchSize ?? 200;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) {
    batches.push(ids.slice(i, i + size));
  }
  let done = 0;
  await inParallel(batches, options.concurrency ?? 1, async (batch) => {
    await sweepBatch(database, batch, all, options, report);
    done += batch.length;
    options.onProgress?.(done, ids.length);
  });
}

/** The monitoring-overdue alert codes of every program (sweep-rows.ts reads these alerts). */
function overdueCodes(): string[] {
  return [
    ...new Set(
      PROGRAMS.flatMap((p) => (p.alertTexts[OVERDUE_TEXT] ? [p.alertTexts[OVERDUE_TEXT].code] : [])),
    ),
  ];
}

interface BatchTotals {
  raised: number;
  updated: number;
  resolved: number;
  markedOverdue: number;
  /** Next occurrences stored (sweep-rows.ts nextOccurrences). */
  placed: number;
}

/**
 * The date's changes for the rows planned from the stored rows (sweep-rows.ts planPatient): the
 * overdue occurrences, their new alerts and the rewritten ones, one statement each, and the
 * messages for urgent or critical alerts raised (the same notifyRaisedAlerts recompute calls).
 */
async function applyRowPlans(
  tx: Tx,
  plans: readonly Extract<PatientPlan, { kind: 'rows' }>[],
  now: Date,
  totals: BatchTotals,
): Promise<void> {
  totals.placed += await insertOccurrences(
    tx,
    plans.flatMap((p) => p.upcoming.map((m) => occurrenceRow(p.patientId, m, p.protocolVersion, now))),
  );
  totals.markedOverdue += await markOverdue(
    tx,
    plans.flatMap((p) => p.overdue),
    now,
  );
  const inserted = await insertAlertsOnce(
    tx,
    plans.flatMap((p) =>
      p.raise.map(({ patientId, alert, protocolVersion }) =>
        alertRow(patientId, alert, protocolVersion, now),
      ),
    ),
  );
  totals.raised += inserted.length;
  const changes = new Map<string, { raised: string[]; updated: string[] }>();
  const changesOf = (patientId: string) => {
    const entry = changes.get(patientId) ?? { raised: [], updated: [] };
    changes.set(patientId, entry);
    return entry;
  };
  for (const plan of plans) {
    changesOf(plan.patientId).updated.push(...plan.update.map((u) => u.alert.key));
  }
  totals.updated += await rewriteAlerts(
    tx,
    plans.flatMap((p) =>
      p.update.map(({ id, alert, protocolVersion }) => ({
        id,
        severity: alert.severity,
        message: alert.message,
        action: alert.action,
        evidence: alert.evidence,
        protocolVersion,
      })),
    ),
  );
  for (const { patientId, dedupeKey } of inserted) {
    changesOf(patientId).raised.push(dedupeKey);
  }
  // Issue #5: urgent and critical alerts are messaged in the transaction that raises them or
  // turns them urgent.
  await notifyRaisedAlerts(tx, changes, now);
}

async function sweepBatch(
  database: Handle,
  patientIds: readonly string[],
  all: boolean,
  options: SweepOptions,
  report: SweepReport,
): Promise<void> {
  const { asOf, now } = options;
  const totals: BatchTotals = { raised: 0, updated: 0, resolved: 0, markedOverdue: 0, placed: 0 };
  const versions = new Set<string>();
  const failed: SweepFailure[] = [];
  const done: string[] = [];
  const fromRows: string[] = [];
  await withTransaction(database, async (tx) => {
    let toReevaluate: readonly string[] = patientIds;
    if (!all) {
      const rows = await sweepRowsOf(tx, patientIds, overdueCodes());
      const occurrencesOf = groupByPatient(rows.occurrences);
      const alertsOf = groupByPatient(rows.alerts);
      const infusionsOf = groupByPatient(rows.infusions);
      const plans = rows.patients.map((p) =>
        planPatient(
          {
            patientId: p.id,
            program: p.program,
            region: p.region,
            occurrences: occurrencesOf.get(p.id) ?? [],
            alerts: alertsOf.get(p.id) ?? [],
            sex: p.sex,
            infusions: givenInfusionEvents(infusionsOf.get(p.id) ?? []),
          },
          asOf,
        ),
      );
      const rowPlans = plans.flatMap((p) => (p.kind === 'rows' ? [p] : []));
      await applyRowPlans(tx, rowPlans, now, totals);
      for (const plan of rowPlans) {
        fromRows.push(plan.patientId);
        versions.add(plan.protocolVersion);
      }
      toReevaluate = plans.flatMap((p) => (p.kind === 'reevaluate' ? [p.patientId] : []));
    }
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
      together =
        toReevaluate.length === 0
          ? new Map()
          : await tx.transaction((sp) => recomputePatients(sp, toReevaluate, asOf, now));
    } catch {
      together = undefined;
    }
    for (const patientId of toReevaluate) {
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
        reason: all
          ? 're-evaluation of every patient (sweep --all-patients)'
          : 'monitoring windows closed, or overdue alerts due to become urgent, since the last evaluation',
        // §6 and §7 applied to the stored rows (sweep-rows.ts): occurrences marked overdue and
        // monitoring-overdue alerts raised or rewritten, without loading the patients' history.
        fromRows,
        markedOverdue: totals.markedOverdue,
        nextOccurrencesStored: totals.placed,
        reevaluated: done,
        raised: totals.raised,
        updated: totals.updated,
        resolved: totals.resolved,
        failed: failed.map((f) => f.patientId),
        protocolVersions: [...versions].sort(),
      },
      protocolVersion: versions.size === 1 ? [...versions][0] : null,
    });
  });
  report.patients += done.length;
  report.settled += fromRows.length;
  report.markedOverdue += totals.markedOverdue;
  report.nextOccurrencesStored += totals.placed;
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
  // One day of window starts at a time (reminderCandidatesQuery: an index walk per page), in
  // pages of whole patients (reminderCandidates).
  for (let day = range.windowStart[0]; !isAfter(day, range.windowStart[1]); day = addDays(day, 1)) {
    let cursor: { patientId: string; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<typeof reminderCandidates>> = await reminderCandidates(
        database.db,
        {
          program: program.program,
          region: program.region,
          windowStartOn: day,
          windowEnd: range.windowEnd,
          tests: range.tests,
        },
        cursor,
        size,
      );
      cursor = page.next;
      if (page.rows.length === 0) {
        break;
      }
      const reminders = groupReminders(page.rows, template, options.now);
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
    } while (cursor !== null);
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
