// A patient's schedule as an iCalendar feed reached through a revocable secret link (rems.md
// "iCalendar feed of a patient's schedule"; docs/api.md "Calendar feed").
// - POST /patients/:id/calendar-link makes a new random token and stores only its hash; the
//   patient's previous link stops working at once (one live link per patient).
// - DELETE /patients/:id/calendar-link revokes it.
// - GET /calendar/:token.ics serves the feed. The token is the only credential (calendar apps
//   send no cookie): an unknown or revoked token is a 404 like any missing page. The events say
//   what to do and when, never why (src/interop/ical-schedule.ts).
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  calendarFileSchema,
  calendarLinkRevokedSchema,
  calendarLinkSchema,
  type CalendarLinkView,
} from '../../contracts/calendar-links.js';
import { VigilError } from '../../errors/outcome.js';
import { icalFeed } from '../../interop/ical.js';
import { scheduleEvents } from '../../interop/ical-schedule.js';
import { evaluate } from '../../protocol/evaluate.js';
import { programFor } from '../../protocol/programs/index.js';
import { withTransaction } from '../../store/db.js';
import { loadTimeline } from '../../store/repos/timeline.js';
import { calendarLinks } from '../../store/schema/index.js';
import { authorize } from '../access.js';
import { hashToken, newSessionToken } from '../auth/tokens.js';
import type { AppDeps } from '../deps.js';
import { publicBase } from '../interop-context.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';
import { patientParams } from './patients.js';

/** `{token}.ics` with a token as newSessionToken issues it (43 base64url characters). */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/** No drug or diagnosis in a name shown on lock screens and shared calendars. */
const CALENDAR_NAME = 'Care schedule';

function notFound(): VigilError {
  return new VigilError('not-found', 'Not found.');
}

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.post(
    '/patients/:id/calendar-link',
    {
      schema: {
        tags: ['calendar'],
        summary: "Create the secret link to the patient's calendar feed (revokes the previous one)",
        params: patientParams,
        response: { 201: calendarLinkSchema },
      },
    },
    (request, reply) => {
      // A stored idempotent response would keep the token in clear: refused rather than stored.
      if (request.headers['idempotency-key'] !== undefined) {
        throw VigilError.invalid(
          'headers.idempotency-key',
          'not accepted here: the response carries a secret that is never stored',
        );
      }
      return runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'calendar-link', 'create', { kind: 'patient', patientId });
        const token = newSessionToken();
        const [previous] = await tx
          .select({ patientId: calendarLinks.patientId })
          .from(calendarLinks)
          .where(eq(calendarLinks.patientId, patientId))
          .for('update');
        const values = { tokenHash: hashToken(token), createdByUserId: principal.userId, createdAt: now };
        await tx
          .insert(calendarLinks)
          .values({ patientId, ...values })
          .onConflictDoUpdate({ target: calendarLinks.patientId, set: values });
        const body: CalendarLinkView = {
          url: `${publicBase(deps)}/calendar/${token}.ics`,
          createdAt: now.toISOString(),
        };
        return {
          status: 201,
          body,
          audit: {
            action: 'calendar-link.create',
            targetType: 'patient',
            targetId: patientId,
            decision: { previousLinkRevoked: previous !== undefined },
          },
        };
      });
    },
  );

  app.delete(
    '/patients/:id/calendar-link',
    {
      schema: {
        tags: ['calendar'],
        summary: "Revoke the patient's calendar link",
        params: patientParams,
        response: { 200: calendarLinkRevokedSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'calendar-link', 'revoke', { kind: 'patient', patientId });
        const deleted = await tx
          .delete(calendarLinks)
          .where(eq(calendarLinks.patientId, patientId))
          .returning({ patientId: calendarLinks.patientId });
        if (deleted.length === 0) {
          throw new VigilError('not-found', 'The patient has no calendar link.');
        }
        return {
          status: 200,
          body: { status: 'revoked' as const },
          audit: { action: 'calendar-link.revoke', targetType: 'patient', targetId: patientId },
        };
      }),
  );

  app.get(
    '/calendar/:file',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The calendar feed (text/calendar)',
        params: calendarFileSchema,
      },
    },
    async (request, reply) => {
      const token = FEED_FILE.exec(request.params.file)?.[1];
      if (token === undefined) {
        throw notFound();
      }
      const now = deps.clock();
      const feed = await withTransaction(deps.database, async (tx) => {
        const [link] = await tx
          .select({ patientId: calendarLinks.patientId })
          .from(calendarLinks)
          .where(eq(calendarLinks.tokenHash, hashToken(token)))
          .limit(1);
        if (!link) {
          return undefined;
        }
        const timeline = await loadTimeline(tx, link.patientId, todayAt(now));
        const program = timeline && programFor(timeline.program, timeline.region);
        if (!timeline || !program) {
          return undefined;
        }
        return icalFeed({
          calendarName: CALENDAR_NAME,
          events: scheduleEvents(evaluate(timeline), {
            program,
            feedId: link.patientId,
            uidDomain: new URL(publicBase(deps)).hostname,
          }),
          now,
        });
      });
      if (feed === undefined) {
        throw notFound();
      }
      // A secret URL's content: no shared caches, no referrer leaking the token onward.
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .send(feed);
    },
  );
  return Promise.resolve();
};
