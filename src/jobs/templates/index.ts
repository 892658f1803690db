// The messages Vigil sends, by template name: the contract between code that queues a
// notification (the sweep's reminders, alert escalation) and the delivery worker (../notify.ts).
// A queued row holds the template name and a payload of opaque IDs and dates only; the worker
// looks up the first name at delivery and renders here. Bodies carry no diagnosis, no result
// value and no last name: only the first name, what is due or that an alert waits, and a link.
import { alertPayload, reminderPayload } from './payloads.js';
import type { RenderContext, RenderedMessage } from './message.js';
import { renderAlert } from './alert.js';
import { renderLabReminder } from './lab-reminder.js';
import { renderQuestionnaireDue } from './questionnaire-due.js';

export const TEMPLATES = {
  'lab-reminder': reminderPayload,
  'questionnaire-due': reminderPayload,
  alert: alertPayload,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type { AlertPayload, ReminderPayload } from './payloads.js';
export type { RenderContext, RenderedMessage } from './message.js';

export type RenderResult =
  { kind: 'rendered'; message: RenderedMessage; patientId: string } | { kind: 'invalid'; reason: string };

function isTemplate(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

/** The patient a queued message is about, so the worker can look up the first name. */
export function patientOf(template: string, payload: unknown): string | undefined {
  if (!isTemplate(template)) {
    return undefined;
  }
  const parsed = TEMPLATES[template].safeParse(payload);
  return parsed.success ? parsed.data.patientId : undefined;
}

/** Render a queued message; an unknown template or a payload off contract is `invalid`. */
export function render(template: string, payload: unknown, ctx: RenderContext): RenderResult {
  if (!isTemplate(template)) {
    return { kind: 'invalid', reason: `unknown template "${template}"` };
  }
  switch (template) {
    case 'lab-reminder':
    case 'questionnaire-due': {
      const parsed = reminderPayload.safeParse(payload);
      if (!parsed.success) {
        return {
          kind: 'invalid',
          reason: `payload of ${template}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        };
      }
      const message =
        template === 'lab-reminder'
          ? renderLabReminder(parsed.data, ctx)
          : renderQuestionnaireDue(parsed.data, ctx);
      return { kind: 'rendered', message, patientId: parsed.data.patientId };
    }
    case 'alert': {
      const parsed = alertPayload.safeParse(payload);
      if (!parsed.success) {
        return {
          kind: 'invalid',
          reason: `payload of alert: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        };
      }
      return { kind: 'rendered', message: renderAlert(parsed.data, ctx), patientId: parsed.data.patientId };
    }
  }
}
