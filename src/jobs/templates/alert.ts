// Urgent or critical alert, to the care team (protocol.md §7 severity ladder; alert escalation).
// Says that an alert waits and how urgent it is, with the patient's first name and a link: what
// the alert is about is read in Vigil, behind sign-in, never in the message.
import { link, type RenderContext, type RenderedMessage } from './message.js';
import type { AlertPayload } from './payloads.js';

export function renderAlert(p: AlertPayload, ctx: RenderContext): RenderedMessage {
  const url = link(ctx.publicUrl, `/patient/${encodeURIComponent(p.patientId)}`);
  const who = ctx.firstName === null || ctx.firstName.trim() === '' ? 'a patient' : ctx.firstName.trim();
  const level = p.severity === 'critical' ? 'A critical' : 'An urgent';
  return {
    subject: `Vigil: ${p.severity} alert needs review`,
    link: url,
    text: [
      `${level} safety alert for ${who} needs review in Vigil.`,
      '',
      `Open it here (sign-in required): ${url}`,
      '',
      'This message is sent by Vigil. Do not reply to it.',
    ].join('\n'),
  };
}
