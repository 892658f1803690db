// The whole protocol for one patient on one date (spec/evaluate.md): a timeline in, the
// verdict out. This is the single evaluation behind `vigil evaluate`, the API's patient state,
// the sweep and the CDS Hooks cards; it only composes the rule modules.
import { assessEligibility } from './eligibility.js';
import type { CourseTarget } from './eligibility.js';
import { campathState, therapyWindowEnd } from './campath.js';
import { groupCourses, infusionSpan, nextCourse } from './courses.js';
import { ProtocolInputError } from './errors.js';
import type { ProgramDefinition } from './program.js';
import { programFor } from './programs/index.js';
import { prophylaxisStatus } from './prophylaxis.js';
import { reproductiveDates } from './reproductive.js';
import { openSafetySignals, withSafetySignals } from './safety-signals.js';
import { buildSchedule, monitoringView, overdueAlerts, type ScheduleAnchors } from './schedule.js';
import type { IsoDate, Timeline, TimelineEvent } from './timeline.js';
import { triage } from './triage/index.js';
import { canonicalizeEvents } from './units.js';
import type {
  Alert,
  CourseSummary,
  Eligibility,
  MonitoringOccurrence,
  NextCourse,
  Verdict,
} from './verdict.js';
import { SEVERITY_RANK } from './verdict.js';

/** One evaluation's verdict together with the whole schedule it was judged from. */
export interface Evaluation {
  verdict: Verdict;
  /**
   * The patient's whole monitoring schedule as of asOf (buildSchedule: satisfied occurrences
   * included), which the verdict's `monitoring` view leaves out (evaluate.md). The Patient Status
   * Form's adherence (REMS-STATUS-FORM) and the stored schedule (REMS-ADHERENCE counts satisfied
   * windows) need it.
   */
  schedule: MonitoringOccurrence[];
}

/** The verdict of evaluate.md for one patient on one date. */
export function evaluate(timeline: Timeline): Verdict {
  return evaluateWithSchedule(timeline).verdict;
}

/** The whole schedule of the same evaluation as evaluate() (satisfied occurrences included). */
export function fullSchedule(timeline: Timeline): MonitoringOccurrence[] {
  return evaluateWithSchedule(timeline).schedule;
}

/**
 * evaluate() and fullSchedule() in one pass: the schedule is built once, from the same anchors,
 * so the verdict's monitoring view and the stored schedule can never disagree.
 */
export function evaluateWithSchedule(timeline: Timeline): Evaluation {
  const program = programFor(timeline.program, timeline.region);
  if (!program) {
    throw new ProtocolInputError('region', `No ${timeline.program} program for region ${timeline.region}`);
  }
  const { asOf, patient } = timeline;
  const events = canonicalizeEvents(timeline.events);
  const courses = groupCourses(program, events, asOf);
  const span = infusionSpan(program, courses);
  const next = nextCourse(program, courses, asOf);

  const triageAlerts = triage(program, events, { patient, firstInfusion: span.firstInfusion, courses }, asOf);
  const eligibility = withSafetySignals(
    withCourseCap(
      program,
      courses,
      next,
      assessEligibility(program, patient, events, eligibilityTarget(courses, next, asOf), asOf),
    ),
    openSafetySignals(program, triageAlerts, asOf),
  );

  const anchors = scheduleAnchors(program, span, events, asOf);
  const occurrences = buildSchedule(program, anchors, patient.sex, events, asOf);
  const alerts = sortAlerts([...triageAlerts, ...overdueAlerts(program, occurrences, asOf)]);

  const verdict: Verdict = {
    program: timeline.program,
    region: timeline.region,
    protocolVersion: program.version,
    asOf,
    eligibility,
    courses,
    nextCourse: next,
    firstInfusion: span.firstInfusion,
    lastInfusion: span.lastInfusion,
    monitoringEndsOn: span.monitoringEndsOn,
    monitoring: monitoringView(occurrences, asOf),
    prophylaxis: prophylaxisStatus(program, courses, events, asOf),
    alerts,
    reproductive: reproductiveDates(program, patient, courses),
    campath: program.campath ? campathState(program, patient, events, asOf) : null,
  };
  return { verdict, schedule: occurrences };
}

/**
 * The dates the monitoring schedule hangs from (§0 first and last infusion, monitoringEndsOn;
 * CAM-9 therapy window end). Exported for the sweep (jobs/sweep-rows.ts), which places a test's
 * next occurrence from the infusions alone, with these same anchors and buildSchedule.
 */
export function scheduleAnchors(
  program: ProgramDefinition,
  span: ReturnType<typeof infusionSpan>,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): ScheduleAnchors {
  return { ...span, therapyWindowEnd: therapyWindowEnd(program, span.lastInfusion, events, asOf) };
}

/**
 * Which course eligibility speaks of: the next course when one may follow; while a course runs
 * (or when none may follow) the latest course, judged as of its own first infusion, so the
 * verdict still shows whether the running course was properly gated.
 */
function eligibilityTarget(
  courses: readonly CourseSummary[],
  next: NextCourse | null,
  asOf: string,
): CourseTarget {
  if (next) {
    return { course: next.number, earliestStart: next.earliestStart };
  }
  const latest = courses.at(-1);
  const start = latest?.infusions[0];
  if (!latest || start === undefined) {
    return { course: 1, earliestStart: asOf };
  }
  return { course: latest.number, earliestStart: start, plannedStart: start };
}

/** DOSE-4 (EU): once the course cap is reached no further course may be given. */
function withCourseCap(
  program: ProgramDefinition,
  courses: readonly CourseSummary[],
  next: NextCourse | null,
  eligibility: Eligibility,
): Eligibility {
  const cap = program.courses.maxCourses.value;
  const latest = courses.at(-1);
  const capReached =
    cap !== null && next === null && courses.length >= cap && latest?.status !== 'in-progress';
  if (!capReached) {
    return eligibility;
  }
  return {
    ...eligibility,
    status: 'ineligible',
    course: courses.length + 1,
    earliestStart: null,
    blocks: [
      ...eligibility.blocks,
      {
        rule: 'DOSE-4',
        message: `At most ${cap} courses in all (${program.region}); ${courses.length} given.`,
      },
    ],
  };
}

/** evaluate.md: sorted by date, then severity (highest first); the key breaks ties stably. */
function sortAlerts(alerts: Alert[]): Alert[] {
  return alerts.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.key.localeCompare(b.key),
  );
}
