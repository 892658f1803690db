// What the patient reports (protocol.md §7): ALR-ITPQ bleeding signs on the ITP questionnaire and
// ALR-STR stroke or cervicocephalic arterial dissection signs (INF-5).
import { daysBetween } from '../dates.js';
import { ITP_QUESTIONNAIRE_KEYS, STROKE_SIGNS, eventsOfType } from '../timeline.js';
import type { Alert, Evidence } from '../verdict.js';
import { buildAlert } from './alert.js';
import type { TriageInput } from './input.js';

const ITP_ORDER: readonly string[] = ITP_QUESTIONNAIRE_KEYS;

/** Questionnaire order first, then any other key alphabetically, so messages read the same every time. */
function byQuestionnaireOrder(a: string, b: string): number {
  const rank = (k: string) => {
    const i = ITP_ORDER.indexOf(k);
    return i === -1 ? ITP_ORDER.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * ALR-ITPQ: any answer that is true raises the program's severity (urgent); the evidence names
 * the answers. An unanswered
 * question is not a yes: missing questionnaires are the monitoring schedule's concern (MON-6).
 */
export function itpQuestionnaireAlerts({ program, events }: TriageInput): Alert[] {
  const { severity } = program.triage.itpQuestionnaire.value;
  return eventsOfType(events, 'questionnaire').flatMap((q) => {
    const yes = Object.entries(q.answers)
      .filter(([, answer]) => answer)
      .map(([key]) => key)
      .sort(byQuestionnaireOrder);
    if (yes.length === 0) {
      return [];
    }
    const evidence: Evidence = { type: 'questionnaire', date: q.date, test: q.kind, detail: yes.join(', ') };
    if (q.id !== undefined) {
      evidence.id = q.id;
    }
    return [
      buildAlert(program, {
        rule: 'ALR-ITPQ',
        severity,
        date: q.date,
        trigger: [evidence],
        detail: `Answered yes: ${yes.join(', ')}.`,
      }),
    ];
  });
}

const SIGNS: ReadonlySet<string> = new Set(STROKE_SIGNS);

/**
 * ALR-STR: a report holding any stroke or dissection sign (evaluate.md symptom codes) raises
 * severityWithin (critical) when it is at most withinDays after the most recent infusion on or
 * before it, severityLater (urgent) otherwise, also when no infusion precedes it: a stroke sign
 * is never ignored. Other symptom
 * strings are not signs. Infusion dates come from the courses the evaluation grouped.
 */
export function strokeAlerts({ program, events, context }: TriageInput): Alert[] {
  const { withinDays, severityWithin, severityLater } = program.triage.stroke.value;
  const infusions = context.courses.flatMap((c) => c.infusions).sort();
  return eventsOfType(events, 'symptom-report').flatMap((report) => {
    const signs = [...new Set(report.symptoms.filter((s) => SIGNS.has(s)))];
    if (signs.length === 0) {
      return [];
    }
    const evidence: Evidence = { type: 'symptom-report', date: report.date, detail: signs.join(', ') };
    if (report.id !== undefined) {
      evidence.id = report.id;
    }
    const infusion = infusions.filter((d) => d <= report.date).at(-1);
    if (infusion === undefined) {
      return [
        buildAlert(program, {
          rule: 'ALR-STR',
          severity: severityLater,
          date: report.date,
          trigger: [evidence],
          detail: `${signs.join(', ')} reported with no infusion on or before ${report.date}.`,
        }),
      ];
    }
    const days = daysBetween(infusion, report.date);
    const early = days <= withinDays;
    return [
      buildAlert(program, {
        rule: 'ALR-STR',
        severity: early ? severityWithin : severityLater,
        date: report.date,
        trigger: [evidence],
        context: [{ type: 'infusion', date: infusion, detail: 'most recent infusion' }],
        detail:
          `${signs.join(', ')} reported ${days} days after the infusion of ${infusion} ` +
          `(${early ? 'within' : 'more than'} ${withinDays} days).`,
      }),
    ];
  });
}
