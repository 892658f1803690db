// Questionnaire due (MON-6): sent when the window of the monthly bleeding symptoms questionnaire
// opens, to the patient. Asks for the answers; says nothing about results or diagnoses.
import { greeting, link, type RenderContext, type RenderedMessage } from './message.js';
import type { ReminderPayload } from './payloads.js';
import { testWords } from './words.js';

export function renderQuestionnaireDue(p: ReminderPayload, ctx: RenderContext): RenderedMessage {
  const url = link(ctx.publicUrl, '/my-schedule');
  return {
    subject: 'Your monthly questionnaire is due',
    link: url,
    text: [
      greeting(ctx.firstName),
      '',
      `Your ${testWords(p.tests)} is due now, until ${p.windowEnd}. It takes a few minutes.`,
      `Answer it here: ${url}`,
      '',
      'If you notice bleeding or a new symptom, do not wait for the questionnaire: contact your care team.',
      '',
      'This is an automatic reminder from Vigil. Do not reply to this message.',
    ].join('\n'),
  };
}
