// What the engine derives and people act on: alerts, the materialized monitoring schedule, and
// the periodic Patient Status Forms (rems.md "Periodic documentation").
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import type { Evidence, OccurrenceStatus, Severity } from '../../protocol/verdict.js';
import { calendarDate, createdAt, idColumn, instant, oneOf, type Json } from './columns.js';
import { memberships, users } from './identity.js';
import { patients } from './patients.js';
import { ALERT_STATUSES, OCCURRENCE_STATUSES, SEVERITIES, type AlertStatus } from './values.js';

export const alerts = pgTable(
  'alerts',
  {
    id: idColumn('alert'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    /** verdict.ts Alert.key: the same rule and code on the same evidence gives the same key. */
    dedupeKey: text('dedupe_key').notNull(),
    rule: text('rule').notNull(),
    code: text('code').notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    status: text('status').$type<AlertStatus>().notNull().default('open'),
    /** The clinical date the alert is about (verdict.ts Alert.date). */
    date: calendarDate('date').notNull(),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
    message: text('message').notNull(),
    action: text('action').notNull(),
    protocolVersion: text('protocol_version').notNull(),
    raisedAt: instant('raised_at').notNull().defaultNow(),
    acknowledgedByUserId: text('acknowledged_by_user_id').references(() => users.id),
    acknowledgedAt: instant('acknowledged_at'),
    /** Null resolver with a resolved_at: resolved by the engine (the condition no longer holds). */
    resolvedByUserId: text('resolved_by_user_id').references(() => users.id),
    resolvedAt: instant('resolved_at'),
    resolutionNote: text('resolution_note'),
    escalatedAt: instant('escalated_at'),
  },
  (t) => [
    check('alerts_severity_check', oneOf(t.severity, SEVERITIES)),
    check('alerts_status_check', oneOf(t.status, ALERT_STATUSES)),
    check('alerts_acknowledged_at', sql`${t.status} <> 'acknowledged' or ${t.acknowledgedAt} is not null`),
    check('alerts_resolved_at', sql`(${t.status} = 'resolved') = (${t.resolvedAt} is not null)`),
    unique('alerts_patient_dedupe_unique').on(t.patientId, t.dedupeKey),
    // Worklists: unresolved alerts by severity and age (rems.md "Program oversight").
    index('alerts_unresolved_severity_idx')
      .on(t.severity, t.raisedAt)
      .where(sql`${t.status} <> 'resolved'`),
    index('alerts_patient_status_idx').on(t.patientId, t.status),
    // The sweep's "overdue warnings due to turn urgent" (repos/sweep.ts patientsWithAlertsToRaise):
    // one code and severity, dated on or before a day. On the index above it read every unresolved
    // warning (1.2 s at 10^5 patients); here it is a range scan over the alerts it asks for.
    index('alerts_unresolved_code_severity_date_idx')
      .on(t.code, t.severity, t.date)
      .where(sql`${t.status} <> 'resolved'`),
  ],
);

/** The engine's monitoring schedule (verdict.ts MonitoringOccurrence), rewritten on each evaluation. */
export const monitoringOccurrences = pgTable(
  'monitoring_occurrences',
  {
    id: idColumn('monitoringOccurrence'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    test: text('test').notNull(),
    rule: text('rule').notNull(),
    dueOn: calendarDate('due_on').notNull(),
    windowStart: calendarDate('window_start').notNull(),
    windowEnd: calendarDate('window_end').notNull(),
    /**
     * 'upcoming' (open: neither satisfied nor overdue, whether or not asOf is inside the window),
     * 'overdue' or 'satisfied'. 'due' is no longer stored (recompute.ts storedOccurrenceStatus):
     * §6 derives it from the window dates, and migration 0009 converted the rows that held it. The
     * CHECK still allows it (old backups) and the open-occurrence index predicates still name it.
     */
    status: text('status').$type<OccurrenceStatus>().notNull(),
    satisfiedBy: jsonb('satisfied_by').$type<Evidence>(),
    protocolVersion: text('protocol_version').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('monitoring_occurrences_status_check', oneOf(t.status, OCCURRENCE_STATUSES)),
    check('monitoring_occurrences_window_order', sql`${t.windowStart} <= ${t.windowEnd}`),
    unique('monitoring_occurrences_patient_test_due_unique').on(t.patientId, t.test, t.dueOn),
    // The sweep's question, "every unsatisfied occurrence whose window ended before D", is a range
    // scan on this partial index; satisfied rows (the large majority over time) are not in it.
    index('monitoring_occurrences_unsatisfied_window_end_idx')
      .on(t.windowEnd)
      .where(sql`${t.status} <> 'satisfied'`),
    // A sweep batch's open rows, by patient (repos/sweep.ts): with only the index above matching
    // the `status <> 'satisfied'` predicate, the planner scanned all of it for each batch
    // (≈ 1.1 s per 200 patients at 10^5 patients) instead of probing per patient.
    index('monitoring_occurrences_unsatisfied_patient_idx')
      .on(t.patientId)
      .where(sql`${t.status} <> 'satisfied'`),
    // The daily sweep (src/jobs/sweep.ts) reads only occurrences still open: overdue ones pile up
    // over a lost patient's history, so they are kept out of these two. Window closed → overdue:
    index('monitoring_occurrences_open_window_end_idx')
      .on(t.windowEnd)
      .where(sql`${t.status} in ('upcoming', 'due')`),
    // (monitoring_occurrences_upcoming_window_start_idx, read only by the sweep's mark-due step, was
    // dropped in 0010 with it: 'due' is not stored, and an index nothing reads is still written on
    // every occurrence a result or the sweep inserts.)
    // The sweep's reminders (repos/sweep.ts reminderCandidatesQuery): open occurrences whose window
    // starts on one day, walked in (patient, id) order a page at a time.
    index('monitoring_occurrences_open_window_start_idx')
      .on(t.windowStart, t.patientId, t.id)
      .where(sql`${t.status} in ('upcoming', 'due')`),
    // The compliance dashboard (REMS-ADHERENCE, repos/oversight.ts): every occurrence, satisfied
    // ones included, whose window closed in the report's months. Satisfied rows are most of the
    // table (issue #5 stores them), which the partial indexes above leave out by design.
    index('monitoring_occurrences_window_end_idx').on(t.windowEnd),
  ],
);

export const statusForms = pgTable(
  'status_forms',
  {
    id: idColumn('statusForm'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    prescriberMembershipId: text('prescriber_membership_id')
      .notNull()
      .references(() => memberships.id),
    periodStart: calendarDate('period_start').notNull(),
    periodEnd: calendarDate('period_end').notNull(),
    dueOn: calendarDate('due_on').notNull(),
    submittedAt: instant('submitted_at'),
    submittedByUserId: text('submitted_by_user_id').references(() => users.id),
    payload: jsonb('payload').$type<Json>(),
    createdAt: createdAt(),
  },
  (t) => [
    check('status_forms_period_order', sql`${t.periodStart} <= ${t.periodEnd}`),
    check('status_forms_submitted_payload', sql`${t.submittedAt} is null or ${t.payload} is not null`),
    unique('status_forms_patient_period_unique').on(t.patientId, t.periodStart),
    // Prescriber worklist and compliance report: forms not yet submitted, by due date.
    index('status_forms_open_by_prescriber_idx')
      .on(t.prescriberMembershipId, t.dueOn)
      .where(sql`${t.submittedAt} is null`),
  ],
);
