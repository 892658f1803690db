// Cards for patient-view (rems.md "CDS Hooks 2.0": overdue monitoring and open alerts). Overdue
// monitoring is one card per test, however many occurrences were missed; urgent and critical
// alerts are one card each. monitoring-overdue alerts (the ones resting on monitoring evidence,
// protocol.md §6) are not repeated as alert cards: their severity sets the overdue card's.
import type { CdsCard } from '../../contracts/cds-hooks.js';
import type { Alert, MonitoringOccurrence, Severity, Verdict } from '../../protocol/verdict.js';
import { SEVERITY_RANK } from '../../protocol/verdict.js';
import { testText } from '../fhir/monitoring-tests.js';
import { cardUuid, indicatorFor, md, source, summary } from './card.js';
import type { CardLinks } from './etasu-pages.js';
import { pageUrl } from './etasu-pages.js';

export interface PatientViewOptions extends CardLinks {
  hookInstance: string;
  /**
   * Keys of the alerts still open in the store (acknowledged or resolved ones are left out).
   * null when that status is unknown: every alert is then shown, since unknown is never "closed".
   */
  openAlertKeys: ReadonlySet<string> | null;
}

const SHOWN: ReadonlySet<Severity> = new Set(['urgent', 'critical']);

const SEVERITY_WORD: Record<Severity, string> = {
  info: 'Info',
  warning: 'Warning',
  urgent: 'Urgent',
  critical: 'Critical',
};

function isMonitoringOverdue(alert: Alert): boolean {
  return alert.evidence.some((e) => e.type === 'monitoring');
}

export function patientViewCards(verdict: Verdict, options: PatientViewOptions): CdsCard[] {
  const cards = [...overdueCards(verdict, options), ...alertCards(verdict, options)];
  const rank = (c: CdsCard) => ({ critical: 0, warning: 1, info: 2 })[c.indicator];
  return cards
    .map((card, i) => ({ card, i }))
    .sort((a, b) => rank(a.card) - rank(b.card) || a.i - b.i)
    .map((x) => x.card);
}

function overdueCards(verdict: Verdict, options: PatientViewOptions): CdsCard[] {
  const byTest = new Map<string, MonitoringOccurrence[]>();
  for (const o of verdict.monitoring) {
    if (o.status === 'overdue') {
      byTest.set(o.test, [...(byTest.get(o.test) ?? []), o]);
    }
  }
  const overdueAlerts = verdict.alerts.filter(isMonitoringOverdue);
  return [...byTest.entries()].map(([test, occurrences]) => {
    const sorted = [...occurrences].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    const first = sorted[0];
    const severity = sorted
      .flatMap((o) =>
        overdueAlerts.filter((a) => a.evidence.some((e) => e.test === o.test && e.date === o.dueOn)),
      )
      .reduce<Severity>(
        (max, a) => (SEVERITY_RANK[a.severity] > SEVERITY_RANK[max] ? a.severity : max),
        'warning',
      );
    const missed = sorted.length > 1 ? `, ${sorted.length} missed` : '';
    const rules = [...new Set(sorted.map((o) => o.rule))].join(', ');
    return {
      uuid: cardUuid(options.hookInstance, `overdue:${test}`),
      summary: summary(`Overdue: ${testText(test)} (due ${first?.dueOn ?? ''}${missed})`),
      detail: [
        ...sorted.map((o) => `- due ${o.dueOn}, window ${o.window[0]} to ${o.window[1]}`),
        '',
        `Rules: ${md(rules)}`,
      ].join('\n'),
      indicator: indicatorFor(severity),
      source: source(options.baseUrl),
      links: [
        {
          label: 'Review monitoring in Vigil',
          url: pageUrl(options, 'patient', 'monitoring'),
          type: 'absolute',
        },
      ],
    };
  });
}

function alertCards(verdict: Verdict, options: PatientViewOptions): CdsCard[] {
  const open = options.openAlertKeys;
  return verdict.alerts
    .filter((a) => SHOWN.has(a.severity) && !isMonitoringOverdue(a))
    .filter((a) => open === null || open.has(a.key))
    .map((a) => ({
      uuid: cardUuid(options.hookInstance, `alert:${a.key}`),
      summary: summary(`${SEVERITY_WORD[a.severity]}: ${a.message}`),
      detail: [md(a.message), '', `**Action:** ${md(a.action)}`, '', `${md(a.rule)}, raised ${a.date}`].join(
        '\n',
      ),
      indicator: indicatorFor(a.severity),
      source: source(options.baseUrl),
      links: [
        { label: 'Open the alert in Vigil', url: pageUrl(options, 'patient', 'alerts'), type: 'absolute' },
      ],
    }));
}
