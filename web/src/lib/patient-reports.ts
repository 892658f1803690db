// The patient's own forms (issue #6), as pure steps the screens call: turning yes/no answers into
// the questionnaire the API takes (MON-6), the ticked stroke signs into a symptom report (INF-5),
// and dates in the patient's own calendar. The questions, signs and instructions themselves come
// from the API (GET /patients/:id/report-forms), never from here.
import type { ReportForms } from '../api/api.js';

export type Question = ReportForms['questionnaire']['questions'][number];
export type QuestionKey = Question['key'];
export type StrokeSignCode = ReportForms['symptoms']['signs'][number]['code'];

/** "Does not apply" is offered only where the form says a question may not apply (periods). */
export type Answer = 'yes' | 'no' | 'not-applicable';

export type QuestionnaireDraft =
  | { kind: 'ready'; answers: Partial<Record<QuestionKey, boolean>> }
  | { kind: 'incomplete'; missing: QuestionKey[] };

/**
 * The answers as the API takes them: yes → true, no → false, "does not apply" left out (the
 * contract reads a missing answer as unanswered, never as "no"). Every question needs an answer
 * first, so a skipped question is never sent as if the patient had none of the signs.
 */
export function questionnaireDraft(
  questions: readonly Question[],
  answers: Readonly<Partial<Record<QuestionKey, Answer>>>,
): QuestionnaireDraft {
  const missing = questions.filter((q) => answers[q.key] === undefined).map((q) => q.key);
  if (missing.length > 0) {
    return { kind: 'incomplete', missing };
  }
  const out: Partial<Record<QuestionKey, boolean>> = {};
  for (const q of questions) {
    const a = answers[q.key];
    if (a === 'yes' || a === 'no') {
      out[q.key] = a === 'yes';
    }
  }
  return { kind: 'ready', answers: out };
}

/** The signs answered "yes", in the form's order, for the summary after submission. */
export function signsAnsweredYes(
  questions: readonly Question[],
  answers: Readonly<Partial<Record<QuestionKey, Answer>>>,
): string[] {
  return questions.filter((q) => answers[q.key] === 'yes').map((q) => q.sign);
}

/** Ticked signs in the form's order (the API keeps them as a set; the order is for people). */
export function tickedInFormOrder(
  signs: readonly { code: StrokeSignCode }[],
  ticked: ReadonlySet<string>,
): StrokeSignCode[] {
  return signs.filter((s) => ticked.has(s.code)).map((s) => s.code);
}

/** A day in the patient's own calendar (not UTC: "today" is the patient's today). */
export function localIsoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2026-03-01` minus `days` days, by the calendar. */
export function daysBefore(iso: string, days: number): string {
  const ms = Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * An instruction from the API split into its first sentence (shown as the headline: "Call
 * emergency services now (911).") and the rest, so the words stay the program's own.
 */
export function splitInstruction(text: string): { headline: string; rest: string } {
  const match = /^(.+?[.!])\s+(.*)$/s.exec(text.trim());
  return match?.[1] !== undefined && match[2] !== undefined
    ? { headline: match[1], rest: match[2] }
    : { headline: text.trim(), rest: '' };
}

/** A date typed as YYYY-MM-DD that is a real calendar day (the API checks again). */
export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    return false;
  }
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}
