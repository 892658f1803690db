// Which badge tone a severity or a status takes. Unknown values are shown neutral, never as "ok".

export type Tone = 'info' | 'warning' | 'urgent' | 'critical' | 'ok' | 'neutral' | 'overdue';

export function toneOfSeverity(severity: string): Tone {
  switch (severity) {
    case 'info':
    case 'warning':
    case 'urgent':
    case 'critical':
      return severity;
    default:
      return 'neutral';
  }
}

const STATUS_TONES: Readonly<Record<string, Tone>> = {
  // monitoring occurrences (evaluate.md)
  satisfied: 'ok',
  due: 'warning',
  overdue: 'overdue',
  upcoming: 'neutral',
  // alerts
  open: 'urgent',
  acknowledged: 'warning',
  resolved: 'ok',
  // eligibility
  eligible: 'ok',
  ineligible: 'overdue',
  indeterminate: 'warning',
  // prophylaxis
  active: 'info',
  'may-stop': 'info',
  'not-started': 'warning',
  completed: 'ok',
  // courses and infusions
  planned: 'neutral',
  'in-progress': 'info',
  incomplete: 'warning',
  scheduled: 'neutral',
  started: 'info',
  stopped: 'overdue',
  cancelled: 'neutral',
  // patients
  enrolled: 'neutral',
  authorized: 'info',
  'in-monitoring': 'info',
  discontinued: 'neutral',
  'lost-to-follow-up': 'overdue',
  // audit chain
  intact: 'ok',
  broken: 'critical',
};

export function toneOfStatus(status: string): Tone {
  return STATUS_TONES[status] ?? 'neutral';
}
