// Turning a triggered rule into an Alert (protocol.md §7): code, message lead and action come
// from program.alertTexts (the action for the alert's severity when the text has one, §7 "Action
// text"); the key from alert-key.ts; the evidence carries canonical values.
import { alertKey } from '../alert-key.js';
import type { ProgramDefinition } from '../program.js';
import type { IsoDate, LabEvent } from '../timeline.js';
import type { Alert, Evidence, Severity } from '../verdict.js';
import { SEVERITY_RANK } from '../verdict.js';
import type { TemplateValues } from './format.js';
import { describeLab, fillTemplate } from './format.js';

/** One criterion a result met, with the words that say which threshold. */
export interface Hit {
  severity: Severity;
  reason: string;
}

export interface AlertDraft {
  rule: string;
  severity: Severity;
  /** The evidence date (for a pair of results, the later one). */
  date: IsoDate;
  /** The records the alert rests on: these alone make its key. */
  trigger: Evidence[];
  /**
   * Records shown with it (the baseline, the infusion it follows, a paired bilirubin). Left out
   * of the key, so one result keeps one alert whichever criterion it meets (ALR-PLT "one alert per
   * result at its highest severity") and a later record can raise its severity but not fork it.
   */
  context?: Evidence[];
  /** The specifics after the program's message lead: value and threshold. */
  detail: string;
  /** Program values for the `{name}` placeholders of the alert text (ALR-PREG `{withinMonths}`). */
  values?: TemplateValues;
}

/** What a result alert carries besides the result itself. */
export interface ResultAlertExtras {
  context?: Evidence[];
  values?: TemplateValues;
}

export function buildAlert(program: ProgramDefinition, draft: AlertDraft): Alert {
  const text = program.alertTexts[draft.rule];
  if (text === undefined) {
    // A program definition defect, not bad input: fail loudly rather than drop a safety alert.
    throw new Error(`Program ${program.version} has no alert text for ${draft.rule}`);
  }
  const values = draft.values ?? {};
  return {
    rule: draft.rule,
    code: text.code,
    severity: draft.severity,
    date: draft.date,
    evidence: [...draft.trigger, ...(draft.context ?? [])],
    message: `${fillTemplate(text.message, values)} ${draft.detail}`,
    action: fillTemplate(text.actions?.[draft.severity] ?? text.action, values),
    key: alertKey(draft.rule, text.code, draft.trigger),
  };
}

/** A lab result as evidence: canonical value and unit, id when the source gave one. */
export function labEvidence(lab: LabEvent, type: 'lab' | 'baseline' = 'lab'): Evidence {
  const evidence: Evidence = {
    type,
    date: lab.date,
    analyte: lab.analyte,
    value: lab.value,
    unit: lab.unit,
  };
  if (lab.id !== undefined) {
    evidence.id = lab.id;
  }
  return evidence;
}

/** Hits (or bands) from the most severe down (stable for equal severities). */
export function bySeverity<T extends { severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

/**
 * The single alert a lab result raises under `rule`: at the highest severity any criterion
 * reaches, naming every criterion met; none when nothing was met.
 */
export function resultAlert(
  program: ProgramDefinition,
  rule: string,
  lab: LabEvent,
  hits: readonly Hit[],
  { context = [], values = {} }: ResultAlertExtras = {},
): Alert[] {
  const [top, ...rest] = bySeverity(hits);
  if (top === undefined) {
    return [];
  }
  const reasons = [top, ...rest].map((h) => h.reason).join('; ');
  return [
    buildAlert(program, {
      rule,
      severity: top.severity,
      date: lab.date,
      trigger: [labEvidence(lab)],
      context,
      detail: `${describeLab(lab)} (${reasons}).`,
      values,
    }),
  ];
}
