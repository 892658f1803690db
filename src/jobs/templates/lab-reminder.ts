// Lab reminder (issue #5): sent a few days [D] before a monitoring window opens (MON-1..MON-5,
// CAM-9), to the patient. No result values, no diagnosis, first name only.
import { greeting, link, type RenderContext, type RenderedMessage } from './message.js';
import type { ReminderPayload } from './payloads.js';
import { testWords } from './words.js';

export function renderLabReminder(p: ReminderPayload, ctx: RenderContext): RenderedMessage {
  const url = link(ctx.publicUrl, '/my-schedule');
  return {
    subject: 'Your safety monitoring tests are coming up',
    link: url,
    text: [
      greeting(ctx.firstName),
      '',
      `Your next monitoring tests (${testWords(p.tests)}) are due between ${p.windowStart} and ${p.windowEnd}.`,
      'Please arrange them with your clinic or lab for a day in that period.',
      '',
      `Your schedule: ${url}`,
      '',
      'This is an automatic reminder from Vigil. Do not reply to this message.',
    ].join('\n'),
  };
}
