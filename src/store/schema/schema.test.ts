// The database refuses what the schema says cannot be: closed value sets (text + CHECK), guarded
// state invariants, and the idempotency of lab results by source. Each case inserts a row that
// must be accepted and one that must be refused by the named constraint.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseError } from '../db.js';
import { newId } from '../ids.js';
import { createTestDatabase, type TestDatabase } from '../test-db.js';
import { FAKE_PASSWORD_HASH, insertPatientFixture, type PatientFixture } from '../test-fixtures.js';
import { labResults } from './index.js';

let database: TestDatabase;
let f: PatientFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await insertPatientFixture(database.db);
});

afterAll(async () => {
  await database.cleanup();
});

async function refusal(query: SQL): Promise<{ code: string; constraint: string | undefined } | 'accepted'> {
  try {
    await database.db.execute(query);
    return 'accepted';
  } catch (err) {
    const info = databaseError(err);
    if (!info) {
      throw err;
    }
    return info;
  }
}

interface ConstraintCase {
  name: string;
  constraint: string;
  code: '23514' | '23505' | '23503';
  accepted: () => SQL;
  refused: () => SQL;
}

const authorization = (vials: number): SQL =>
  sql`insert into authorizations (id, number, patient_id, course_number, prescriber_membership_id,
      setting_organization_id, planned_infusions, vials_remaining, expires_on, protocol_version)
    values (${newId('authorization')}, ${newId('authorization')}, ${f.patientId}, 1, ${f.prescriberMembershipId},
      ${f.practiceId}, 5, ${vials}, '2026-02-01', 'test')`;

const certification = (kind: string, status: string): SQL =>
  kind === 'prescriber'
    ? sql`insert into certifications (id, kind, subject_user_id, status)
        values (${newId('certification')}, ${kind}, ${f.prescriberUserId}, ${status})`
    : sql`insert into certifications (id, kind, subject_organization_id, status)
        values (${newId('certification')}, ${kind}, ${f.practiceId}, ${status})`;

const cases: ConstraintCase[] = [
  {
    name: 'patients.status is a rems.md patient state',
    constraint: 'patients_status_check',
    code: '23514',
    accepted: () => sql`update patients set status = 'in-monitoring' where id = ${f.patientId}`,
    refused: () => sql`update patients set status = 'active' where id = ${f.patientId}`,
  },
  {
    name: 'alerts.status is open | acknowledged | resolved',
    constraint: 'alerts_status_check',
    code: '23514',
    accepted: () =>
      sql`insert into alerts (id, patient_id, dedupe_key, rule, code, severity, status, date, evidence, message, action, protocol_version, acknowledged_at)
        values (${newId('alert')}, ${f.patientId}, ${newId('alert')}, 'ALR-PLT', 'x', 'urgent', 'acknowledged', '2025-01-01', '[]', 'm', 'a', 'v', now())`,
    refused: () =>
      sql`insert into alerts (id, patient_id, dedupe_key, rule, code, severity, status, date, evidence, message, action, protocol_version)
        values (${newId('alert')}, ${f.patientId}, ${newId('alert')}, 'ALR-PLT', 'x', 'urgent', 'closed', '2025-01-01', '[]', 'm', 'a', 'v')`,
  },
  {
    name: 'alerts.severity is a verdict severity',
    constraint: 'alerts_severity_check',
    code: '23514',
    accepted: () =>
      sql`insert into alerts (id, patient_id, dedupe_key, rule, code, severity, date, evidence, message, action, protocol_version)
        values (${newId('alert')}, ${f.patientId}, ${newId('alert')}, 'ALR-PLT', 'x', 'critical', '2025-01-01', '[]', 'm', 'a', 'v')`,
    refused: () =>
      sql`insert into alerts (id, patient_id, dedupe_key, rule, code, severity, date, evidence, message, action, protocol_version)
        values (${newId('alert')}, ${f.patientId}, ${newId('alert')}, 'ALR-PLT', 'x', 'high', '2025-01-01', '[]', 'm', 'a', 'v')`,
  },
  {
    name: 'a resolved alert has resolved_at',
    constraint: 'alerts_resolved_at',
    code: '23514',
    accepted: () =>
      sql`insert into alerts (id, patient_id, dedupe_key, rule, code, severity, status, date, evidence, message, action, protocol_version, resolved_at)
        values (${newId('alert')}, ${f.patientId}, ${newId('alert')}, 'ALR-PLT', 'x', 'info', 'resolved', '2025-01-01', '[]', 'm', 'a', 'v', now())`,
    refused: () =>
      sql`insert into alerts (id, patient_id, dedupe_key, rule, code, severity, status, date, evidence, message, action, protocol_version)
        values (${newId('alert')}, ${f.patientId}, ${newId('alert')}, 'ALR-PLT', 'x', 'info', 'resolved', '2025-01-01', '[]', 'm', 'a', 'v')`,
  },
  {
    name: 'authorizations.vials_remaining never goes below 0 (rems.md: never both take the last vial)',
    constraint: 'authorizations_vials_remaining_non_negative',
    code: '23514',
    accepted: () => authorization(0),
    refused: () => authorization(-1),
  },
  {
    name: 'a prescriber certification may be trained; a setting certification may not (rems.md state machines)',
    constraint: 'certifications_status_check',
    code: '23514',
    accepted: () => certification('prescriber', 'trained'),
    refused: () => certification('healthcare-setting', 'trained'),
  },
  {
    name: 'a delegate membership names the prescriber membership it acts for',
    constraint: 'memberships_delegate_acts_for',
    code: '23514',
    accepted: () =>
      sql`insert into memberships (id, user_id, organization_id, role, acts_for_membership_id)
        values (${newId('membership')}, ${f.prescriberUserId}, ${f.practiceId}, 'delegate', ${f.prescriberMembershipId})`,
    refused: () =>
      sql`insert into memberships (id, user_id, organization_id, role)
        values (${newId('membership')}, ${f.prescriberUserId}, ${f.practiceId}, 'delegate')`,
  },
  {
    name: 'a pharmacy carries a certification status; a practice does not',
    constraint: 'organizations_certification_only_for_certified_kinds',
    code: '23514',
    accepted: () =>
      sql`insert into organizations (id, kind, name, certification_status) values (${newId('organization')}, 'pharmacy', 'P', 'applied')`,
    refused: () =>
      sql`insert into organizations (id, kind, name) values (${newId('organization')}, 'pharmacy', 'P')`,
  },
  {
    name: 'users.email is stored lower-cased',
    constraint: 'users_email_lower_case',
    code: '23514',
    accepted: () =>
      sql`insert into users (id, email, password_hash, display_name) values (${newId('user')}, ${`${newId('user')}@example.test`}, ${FAKE_PASSWORD_HASH}, 'U')`,
    refused: () =>
      sql`insert into users (id, email, password_hash, display_name) values (${newId('user')}, ${`Upper-${newId('user')}@example.test`}, ${FAKE_PASSWORD_HASH}, 'U')`,
  },
  {
    name: 'monitoring_occurrences.status is a verdict occurrence status',
    constraint: 'monitoring_occurrences_status_check',
    code: '23514',
    accepted: () =>
      sql`insert into monitoring_occurrences (id, patient_id, test, rule, due_on, window_start, window_end, status, protocol_version)
        values (${newId('monitoringOccurrence')}, ${f.patientId}, 'cbc', 'MON-1', '2025-02-06', '2025-02-01', '2025-02-10', 'overdue', 'v')`,
    refused: () =>
      sql`insert into monitoring_occurrences (id, patient_id, test, rule, due_on, window_start, window_end, status, protocol_version)
        values (${newId('monitoringOccurrence')}, ${f.patientId}, 'cbc', 'MON-1', '2025-03-06', '2025-03-01', '2025-03-10', 'late', 'v')`,
  },
  {
    name: 'adverse_events.category is an adverse event of interest',
    constraint: 'adverse_events_category_check',
    code: '23514',
    accepted: () =>
      sql`insert into adverse_events (id, patient_id, category, onset_on, serious) values (${newId('adverseEvent')}, ${f.patientId}, 'pml', '2025-01-01', true)`,
    refused: () =>
      sql`insert into adverse_events (id, patient_id, category, onset_on, serious) values (${newId('adverseEvent')}, ${f.patientId}, 'headache', '2025-01-01', false)`,
  },
  {
    name: 'clinical_events.type excludes infusions and labs (their own tables)',
    constraint: 'clinical_events_type_check',
    code: '23514',
    accepted: () =>
      sql`insert into clinical_events (id, patient_id, type, date, payload) values (${newId('clinicalEvent')}, ${f.patientId}, 'screening', '2025-01-01', '{}')`,
    refused: () =>
      sql`insert into clinical_events (id, patient_id, type, date, payload) values (${newId('clinicalEvent')}, ${f.patientId}, 'lab', '2025-01-01', '{}')`,
  },
  {
    name: 'notifications.channel is email | webhook',
    constraint: 'notifications_channel_check',
    code: '23514',
    accepted: () =>
      sql`insert into notifications (id, channel, recipient, template, payload) values (${newId('notification')}, 'webhook', 'https://example.test/hook', 't', '{}')`,
    refused: () =>
      sql`insert into notifications (id, channel, recipient, template, payload) values (${newId('notification')}, 'sms', '+10000000000', 't', '{}')`,
  },
  {
    name: 'a complete enrollment form has both signatures, counselling and the monitoring agreement',
    constraint: 'enrollments_complete_requires_all',
    code: '23514',
    accepted: () =>
      sql`insert into enrollments (id, patient_id, prescriber_membership_id, status, patient_signed_at, prescriber_signed_at,
          counselled_at, patient_guide_given_at, wallet_card_given_at, monitoring_agreed_at)
        values (${newId('enrollment')}, ${f.patientId}, ${f.prescriberMembershipId}, 'complete', now(), now(), now(), now(), now(), now())`,
    refused: () =>
      sql`insert into enrollments (id, patient_id, prescriber_membership_id, status, patient_signed_at)
        values (${newId('enrollment')}, ${f.patientId}, ${f.prescriberMembershipId}, 'complete', now())`,
  },
  {
    name: 'an infusion belongs to a course of the same patient',
    constraint: 'infusions_course_fk',
    code: '23503',
    accepted: () =>
      sql`insert into infusions (id, patient_id, course_id, date, dose_mg, setting_organization_id)
        values (${newId('infusion')}, ${f.patientId}, ${f.courseId}, '2025-01-06', 12, ${f.practiceId})`,
    refused: () =>
      sql`insert into infusions (id, patient_id, course_id, date, dose_mg, setting_organization_id)
        values (${newId('infusion')}, ${f.patientId}, ${newId('course')}, '2025-01-07', 12, ${f.practiceId})`,
  },
];

describe('schema constraints: closed value sets and state invariants', () => {
  it.each(cases)('$name', async (c) => {
    expect(await refusal(c.accepted())).toBe('accepted');
    expect(await refusal(c.refused())).toEqual({ code: c.code, constraint: c.constraint });
  });
});

describe('lab_results idempotency by (source_system, source_id)', () => {
  const lab = (sourceSystem: string, sourceId: string) => ({
    patientId: f.patientId,
    analyte: 'platelets' as const,
    value: 85,
    unit: '10*9/L',
    canonicalValue: 85,
    canonicalUnit: '10*9/L',
    effectiveDate: '2025-02-06',
    sourceSystem,
    sourceId,
  });

  it('refuses the same source result twice, even for another patient', async () => {
    await database.db.insert(labResults).values(lab('lab-a', 'r-1'));
    const other = await insertPatientFixture(database.db);
    const again = await database.db
      .insert(labResults)
      .values({ ...lab('lab-a', 'r-1'), patientId: other.patientId })
      .then(
        () => 'accepted',
        (err: unknown) => databaseError(err),
      );
    expect(again).toEqual({ code: '23505', constraint: 'lab_results_source_unique' });
  });

  it('accepts the same source id from another source system', async () => {
    await database.db.insert(labResults).values(lab('lab-b', 'r-2'));
    const inserted = await database.db
      .insert(labResults)
      .values(lab('lab-c', 'r-2'))
      .returning({ id: labResults.id });
    expect(inserted).toHaveLength(1);
  });

  it('lets a re-sent result be skipped with ON CONFLICT DO NOTHING', async () => {
    const first = await database.db
      .insert(labResults)
      .values(lab('lab-d', 'r-3'))
      .returning({ id: labResults.id });
    const second = await database.db
      .insert(labResults)
      .values(lab('lab-d', 'r-3'))
      .onConflictDoNothing({ target: [labResults.sourceSystem, labResults.sourceId] })
      .returning({ id: labResults.id });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });
});
