// A Vigil alert as a FHIR R4 DetectedIssue (http://hl7.org/fhir/R4/detectedissue.html).
//
// DetectedIssue rather than Flag: an alert is a finding about the treatment's effect with a
// severity and the results it rests on (protocol.md §7: "An alert carries: rule ID, code,
// severity, the result(s) it rests on"). DetectedIssue has both (severity high | moderate | low,
// evidence); R4 Flag has neither and would need extensions to say either.
//
// Severity: R4 defines high as "may be life-threatening or has the potential to cause permanent
// injury", which is what Vigil's urgent and critical alerts both ask someone to act on (same-day
// ITP work-up, anti-GBM, stroke signs); warning → moderate, info → low. The exact Vigil severity
// and the rule ID lead the detail text, so the two high levels stay distinguishable to a reader.
import type { DetectedIssue, DetectedIssueEvidence } from '@medplum/fhirtypes';
import type { Alert, Evidence, Severity } from '../../protocol/verdict.js';
import { reference, toFhirId } from './ids.js';
import { testText } from './monitoring-tests.js';
import type { FhirContext } from './systems.js';
import { vigilCodeSystem, vigilIdentifierSystem } from './systems.js';

const SEVERITY: Record<Severity, NonNullable<DetectedIssue['severity']>> = {
  critical: 'high',
  urgent: 'high',
  warning: 'moderate',
  info: 'low',
};

export interface DetectedIssueInput {
  /** Vigil alert id (`alr_…`). */
  id: string;
  patientId: string;
  alert: Alert;
}

export function toDetectedIssue(input: DetectedIssueInput, ctx: FhirContext): DetectedIssue {
  const { alert } = input;
  const issue: DetectedIssue = {
    resourceType: 'DetectedIssue',
    id: toFhirId(input.id),
    identifier: [
      { system: vigilIdentifierSystem(ctx, 'alert'), value: input.id },
      { system: vigilIdentifierSystem(ctx, 'alert-key'), value: alert.key },
    ],
    status: 'final',
    code: {
      coding: [{ system: vigilCodeSystem(ctx, 'alert-code'), code: alert.code }],
      text: alert.message,
    },
    severity: SEVERITY[alert.severity],
    patient: reference('Patient', input.patientId),
    identifiedDateTime: alert.date,
    detail: `${alert.rule} (${alert.severity}): ${alert.message} ${alert.action}`,
  };
  if (alert.evidence.length > 0) {
    issue.evidence = alert.evidence.map(evidence);
  }
  return issue;
}

function evidence(e: Evidence): DetectedIssueEvidence {
  return { detail: [{ display: describe(e) }] };
}

/** "lab platelets 85 10*9/L on 2025-02-06" — the record named in words, as the engine saw it. */
function describe(e: Evidence): string {
  const what = e.analyte ?? (e.test === undefined ? undefined : testText(e.test)) ?? e.detail;
  const value = e.value === undefined ? '' : ` ${e.value}${e.unit === undefined ? '' : ` ${e.unit}`}`;
  return `${e.type}${what === undefined ? '' : ` ${what}`}${value} on ${e.date}`;
}
