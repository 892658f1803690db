// The monitoring schedule (protocol.md §6) as a FHIR R4 CarePlan (http://hl7.org/fhir/R4/careplan.html):
// one activity per occurrence the verdict lists, its window as detail.scheduledPeriod, and
// period = firstInfusion .. monitoringEndsOn.
//
// Activity status uses the R4 value set care-plan-activity-status as defined there:
//   satisfied → completed   ("has been completed (more or less) as planned")
//   upcoming, due, overdue → not-started ("planned but no action has yet been taken")
// `scheduled` means "appointment or other booking has occurred" and `in-progress` "has been
// started": Vigil knows neither about a blood draw, so claiming them would be false. Due and
// overdue differ in detail.statusReason, which carries the occurrence status and the window.
import type { CarePlan, CarePlanActivity, CarePlanActivityDetail } from '@medplum/fhirtypes';
import type { MonitoringOccurrence, OccurrenceStatus, Verdict } from '../../protocol/verdict.js';
import { reference, toFhirId } from './ids.js';
import { testText } from './monitoring-tests.js';
import type { FhirContext } from './systems.js';
import { vigilCodeSystem, vigilIdentifierSystem } from './systems.js';

const ACTIVITY_STATUS: Record<OccurrenceStatus, CarePlanActivityDetail['status']> = {
  upcoming: 'not-started',
  due: 'not-started',
  overdue: 'not-started',
  satisfied: 'completed',
};

const CARE_PLAN_SUFFIX = '-monitoring';

/** The CarePlan is derived, not stored: one per patient, named after the patient's id. */
export function carePlanFhirId(patientId: string): string {
  return `${toFhirId(patientId)}${CARE_PLAN_SUFFIX}`;
}

export interface CarePlanInput {
  patientId: string;
  verdict: Verdict;
}

export function toCarePlan(input: CarePlanInput, ctx: FhirContext): CarePlan {
  const { verdict } = input;
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: carePlanFhirId(input.patientId),
    identifier: [{ system: vigilIdentifierSystem(ctx, 'monitoring-schedule'), value: input.patientId }],
    status: planStatus(verdict),
    intent: 'plan',
    title: 'REMS safety monitoring schedule',
    description: `Safety monitoring under ${verdict.protocolVersion}, as of ${verdict.asOf}.`,
    subject: reference('Patient', input.patientId),
  };
  if (verdict.firstInfusion !== null) {
    plan.period = {
      start: verdict.firstInfusion,
      ...(verdict.monitoringEndsOn === null ? {} : { end: verdict.monitoringEndsOn }),
    };
  }
  if (verdict.monitoring.length > 0) {
    plan.activity = verdict.monitoring.map((o) => activity(o, ctx));
  }
  return plan;
}

/**
 * draft before the first infusion (there is no schedule yet: §6 anchors on firstInfusion);
 * completed once monitoringEndsOn has passed with nothing left open (MON-7); active otherwise.
 */
function planStatus(verdict: Verdict): CarePlan['status'] {
  if (verdict.firstInfusion === null) {
    return 'draft';
  }
  const open = verdict.monitoring.some((o) => o.status !== 'satisfied');
  if (!open && verdict.monitoringEndsOn !== null && verdict.asOf > verdict.monitoringEndsOn) {
    return 'completed';
  }
  return 'active';
}

function activity(o: MonitoringOccurrence, ctx: FhirContext): CarePlanActivity {
  const [opens, closes] = o.window;
  return {
    detail: {
      code: {
        coding: [{ system: vigilCodeSystem(ctx, 'monitoring-test'), code: o.test }],
        text: testText(o.test),
      },
      status: ACTIVITY_STATUS[o.status],
      statusReason: {
        coding: [{ system: vigilCodeSystem(ctx, 'occurrence-status'), code: o.status }],
        text: statusText(o),
      },
      scheduledPeriod: { start: opens, end: closes },
      description: `${testText(o.test)} due ${o.dueOn} (${o.rule}).`,
    },
  };
}

function statusText(o: MonitoringOccurrence): string {
  const [opens, closes] = o.window;
  switch (o.status) {
    case 'upcoming':
      return `Upcoming: window opens ${opens}.`;
    case 'due':
      return `Due now: window closes ${closes}.`;
    case 'overdue':
      return `Overdue: window closed ${closes}.`;
    case 'satisfied':
      return o.satisfiedBy === undefined ? 'Done.' : `Done: result dated ${o.satisfiedBy.date}.`;
  }
}
