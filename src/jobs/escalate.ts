// REMS-ESCALATION applied: open alerts nobody acknowledged in time (src/rems/escalation.ts
// decides; the times are program data) are marked `escalated_at` and notifications to the
// prescriber's delegates and the program's administrators are queued in the outbox, in the
// caller's transaction, with an audit entry per alert. Delivery is the notification worker's
// (src/jobs/notify*.ts). The payload carries no diagnosis, no result values and no name (the worker
// adds the first name at delivery): the message says that an alert waits, not what it is about.
import { and, eq, isNull } from 'drizzle-orm';
import { programFor } from '../protocol/programs/index.js';
import { decideEscalation } from '../rems/escalation.js';
import { appendAudit } from '../store/audit.js';
import type { Tx } from '../store/db.js';
import { alerts, memberships, notifications, organizations, patients, users } from '../store/schema/index.js';

/** The delivery worker's `alert` template (templates/payloads.ts alertPayload is the contract). */
export const ESCALATION_TEMPLATE = 'alert';

export interface EscalationRun {
  /** Ids of the alerts escalated by this run. */
  escalated: string[];
  notificationsQueued: number;
}

async function recipients(tx: Tx, prescriberMembershipId: string): Promise<string[]> {
  const delegates = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.role, 'delegate'),
        eq(memberships.actsForMembershipId, prescriberMembershipId),
        eq(users.status, 'active'),
      ),
    );
  const program = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.role, 'admin'), eq(organizations.kind, 'program'), eq(users.status, 'active')));
  return [...new Set([...delegates, ...program].map((r) => r.email))].sort();
}

/** Escalate every open alert whose time has passed at `now`; safe to run as often as wanted. */
export async function escalateAlerts(tx: Tx, now: Date): Promise<EscalationRun> {
  const candidates = await tx
    .select({
      alert: alerts,
      program: patients.program,
      region: patients.region,
      prescriberMembershipId: patients.prescriberMembershipId,
    })
    .from(alerts)
    .innerJoin(patients, eq(patients.id, alerts.patientId))
    .where(and(eq(alerts.status, 'open'), isNull(alerts.escalatedAt)));
  const run: EscalationRun = { escalated: [], notificationsQueued: 0 };
  for (const c of candidates) {
    const program = programFor(c.program, c.region);
    if (!program) {
      continue;
    }
    const decision = decideEscalation(program, c.alert, now);
    if (decision.kind !== 'escalate') {
      continue;
    }
    // Guarded: a concurrent run or an acknowledgement in between leaves the alert alone.
    const marked = await tx
      .update(alerts)
      .set({ escalatedAt: now })
      .where(and(eq(alerts.id, c.alert.id), eq(alerts.status, 'open'), isNull(alerts.escalatedAt)))
      .returning({ id: alerts.id });
    if (marked.length === 0) {
      continue;
    }
    const to = await recipients(tx, c.prescriberMembershipId);
    if (to.length > 0) {
      await tx
        .insert(notifications)
        .values(
          to.map((recipient) => ({
            channel: 'email' as const,
            recipient,
            template: ESCALATION_TEMPLATE,
            // The worker reads the first name at delivery; the row holds opaque IDs only.
            payload: { alertId: c.alert.id, patientId: c.alert.patientId, severity: c.alert.severity },
            nextAttemptAt: now,
            causeRef: `alert:${c.alert.id}`,
            dedupeKey: `escalation:${c.alert.id}:${recipient}`,
            createdAt: now,
          })),
        )
        .onConflictDoNothing();
    }
    await appendAudit(tx, {
      at: now,
      actorUserId: null,
      role: null,
      organizationId: null,
      action: 'alert.escalate',
      targetType: 'alert',
      targetId: c.alert.id,
      decision: {
        rule: decision.rule,
        patientId: c.alert.patientId,
        alertRule: c.alert.rule,
        severity: c.alert.severity,
        afterMinutes: decision.afterMinutes,
        dueAt: new Date(decision.dueAtMs).toISOString(),
        notified: to.length,
      },
      protocolVersion: c.alert.protocolVersion,
    });
    run.escalated.push(c.alert.id);
    run.notificationsQueued += to.length;
  }
  return run;
}
