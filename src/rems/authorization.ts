// Course authorization (rems.md "Authorization to dispense and to infuse"): the program issues an
// authorization for one course when every ETASU requirement holds, and lists every one that does
// not. The same requirements, without the decision, answer $rems-etasu and CDS Hooks (etasuFor).
// Pure: the caller loads the facts; the authorization number and the stored row are the
// database's.
import { assessBaseline } from '../protocol/baseline.js';
import { groupCourses, nextCourse } from '../protocol/courses.js';
import { addDays, isAfter, isBefore, isIsoDate } from '../protocol/dates.js';
import { assessEligibility } from '../protocol/eligibility.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import type { IsoDate, PatientFacts, TimelineEvent } from '../protocol/timeline.js';
import { canonicalizeEvents } from '../protocol/units.js';
import type { CourseSummary, Evidence, Finding, MissingFact } from '../protocol/verdict.js';
import type { OrganizationCertificationStatus, PrescriberCertificationStatus } from './certification.js';
import type { PatientStatus } from './enrollment.js';
import { PATIENT_ENROLLMENT } from './enrollment.js';
import type { EtasuRequirement, EtasuResult, EtasuStatus } from './etasu.js';
import { overallStatus } from './etasu.js';
import { transition } from './state-machine.js';

/** The facts a course authorization rests on; null = could not be established (never "yes"). */
export interface CourseAuthorizationFacts {
  prescriberCertification: PrescriberCertificationStatus | null;
  patientStatus: PatientStatus | null;
  patient: PatientFacts;
  events: readonly TimelineEvent[];
  /** The course requested. */
  course: number;
  /** The planned first infusion of the course. */
  plannedStart: IsoDate;
  settingCertification: OrganizationCertificationStatus | null;
  asOf: IsoDate;
}

export type AuthorizationStatus = 'active' | 'expired' | 'revoked' | 'completed';

/** An authorization already issued, as $rems-etasu and CDS Hooks see it. */
export interface ExistingAuthorization {
  number: string;
  course: number;
  status: AuthorizationStatus;
  expiresOn: IsoDate;
}

export interface EtasuFacts extends CourseAuthorizationFacts {
  /** Present: judge `course-authorized` too (null = none issued). Absent: leave it out. */
  authorization?: ExistingAuthorization | null;
}

export interface AuthorizationEvidence {
  protocolVersion: string;
  asOf: IsoDate;
  /** Every protocol and REMS rule the requirements cite. */
  rules: string[];
  /** The records the baseline and eligibility rest on. */
  records: Evidence[];
  facts: {
    prescriberCertification: PrescriberCertificationStatus | null;
    patientStatus: PatientStatus | null;
    settingCertification: OrganizationCertificationStatus | null;
    course: number;
    plannedStart: IsoDate;
  };
}

export type CourseAuthorizationDecision =
  | {
      kind: 'authorized';
      course: number;
      plannedStart: IsoDate;
      plannedInfusions: number;
      /** DOSE-1: one vial a day when the daily dose fits one vial (12 mg from a 12 mg vial). */
      vials: number;
      /** Valid through this date, inclusive: plannedStart + rems.authorizationValidDays. */
      expiresOn: IsoDate;
      etasu: EtasuResult;
      /** Warnings eligibility raised (IND-2, CAU-1, ...): shown and recorded, never blocking. */
      warnings: Finding[];
      evidence: AuthorizationEvidence;
    }
  | { kind: 'denied'; etasu: EtasuResult; evidence: AuthorizationEvidence };

/**
 * 'authorize': the prescriber asks for a course that has not started. 'status': $rems-etasu or
 * CDS Hooks ask where a patient stands, possibly during an authorized course already running.
 */
type Purpose = 'authorize' | 'status';

interface Assessed {
  requirements: EtasuRequirement[];
  plannedInfusions: number | null;
  warnings: Finding[];
  records: Evidence[];
}

/** DOSE-2 for course 1, DOSE-3 for course 2, DOSE-4 after it. */
function courseRule(course: number): string {
  return course === 1 ? 'DOSE-2' : course === 2 ? 'DOSE-3' : 'DOSE-4';
}

function requirement(
  id: EtasuRequirement['id'],
  title: string,
  status: EtasuStatus,
  detail: string,
  rules: string[],
  missing: string[] = [],
): EtasuRequirement {
  return { id, title, status, detail, rules: [...new Set(rules)], missing };
}

function certificationRequirement(
  id: 'prescriber-certified' | 'setting-certified',
  who: string,
  status: PrescriberCertificationStatus | OrganizationCertificationStatus | null,
  rules: string[],
): EtasuRequirement {
  const title = `${who} certified`;
  if (status === null) {
    return requirement(id, title, 'data-required', `${who} certification could not be established.`, rules, [
      `${id}:status`,
    ]);
  }
  return status === 'certified'
    ? requirement(id, title, 'success', `${who} is certified.`, rules)
    : requirement(id, title, 'failure', `${who} certification is ${status}.`, rules);
}

/**
 * rems.md "Prescriber": certified, or the prescriber may not act for the program. The course
 * authorization's requirement, also asked before a prescriber files a Patient Status Form
 * (REMS-STATUS-FORM: "Certified prescribers submit"), so both refuse with the same words.
 */
export function prescriberCertifiedRequirement(
  status: PrescriberCertificationStatus | null,
): EtasuRequirement {
  return certificationRequirement('prescriber-certified', 'Prescriber', status, ['REMS-PRESCRIBER']);
}

/**
 * rems.md "Patient": enrolled in the REMS. To authorize, the patient must also be in a status
 * the enrollment machine lets `authorize` leave (enrolled, or in-monitoring for a later course);
 * one already authorized waits for that authorization to end or lapse.
 */
function enrollmentRequirement(status: PatientStatus | null, purpose: Purpose): EtasuRequirement {
  const id = 'patient-enrolled';
  const title = 'Patient enrolled';
  const rules = ['REMS-PATIENT'];
  if (status === null) {
    return requirement(id, title, 'data-required', 'Enrollment status could not be established.', rules, [
      'patient-enrolled:status',
    ]);
  }
  const active = status === 'enrolled' || status === 'authorized' || status === 'in-monitoring';
  if (!active) {
    return requirement(id, title, 'failure', `Patient status is ${status}: not active in the REMS.`, rules);
  }
  if (purpose === 'authorize' && transition(PATIENT_ENROLLMENT, status, 'authorize').kind === 'illegal') {
    return requirement(
      id,
      title,
      'failure',
      `Patient status is ${status}: the current authorization must end or lapse before another is issued.`,
      rules,
    );
  }
  return requirement(id, title, 'success', `Patient status is ${status}.`, rules);
}

/**
 * DOSE-2..DOSE-4: the course requested must be the one the protocol allows next, starting no
 * earlier than its earliest start (12 months after the last infusion of any prior course,
 * counted from the anchor), within the EU cap. For 'status', a course already running is the
 * patient's current course and passes.
 */
function courseSequence(
  program: ProgramDefinition,
  courses: readonly CourseSummary[],
  facts: CourseAuthorizationFacts,
  purpose: Purpose,
): { failures: Finding[]; plannedInfusions: number | null; earliestStart: IsoDate | null } {
  const { course, plannedStart, asOf } = facts;
  const fail = (rule: string, message: string) => ({
    failures: [{ rule, message }],
    plannedInfusions: null,
    earliestStart: null,
  });
  const given = courses.filter((c) => c.infusions.length > 0);
  const running = given.find((c) => c.status === 'in-progress');
  if (purpose === 'status' && running?.number === course) {
    return { failures: [], plannedInfusions: running.plannedInfusions, earliestStart: null };
  }
  if (
    program.courses.minMonthsBetweenCourses.value === null ||
    program.courses.firstCourseInfusions.value === null
  ) {
    return fail('DOSE-2', `${program.title}: no fixed courses to authorize.`);
  }
  if (running !== undefined) {
    return fail(courseRule(running.number), `Course ${running.number} is in progress.`);
  }
  const next = nextCourse(program, courses, asOf);
  if (next === null) {
    const cap = program.courses.maxCourses.value;
    return fail('DOSE-4', `At most ${cap ?? 'the allowed number of'} courses in all; ${given.length} given.`);
  }
  if (course !== next.number) {
    return fail(
      courseRule(next.number),
      `Course ${course} requested; ${given.length} given, so the next course is course ${next.number}.`,
    );
  }
  if (isBefore(plannedStart, next.earliestStart)) {
    return {
      failures: [
        {
          rule: courseRule(course),
          message: `Course ${course} may start on ${next.earliestStart} at the earliest; planned ${plannedStart}.`,
        },
      ],
      plannedInfusions: next.infusions,
      earliestStart: next.earliestStart,
    };
  }
  return { failures: [], plannedInfusions: next.infusions, earliestStart: next.earliestStart };
}

const missingKey = (m: MissingFact) => `${m.rule}:${m.item}`;

function findingsRequirement(
  id: 'patient-eligible' | 'baseline-tests',
  title: string,
  blocks: readonly Finding[],
  missing: readonly MissingFact[],
  successDetail: string,
  successRules: string[],
): EtasuRequirement {
  if (blocks.length > 0) {
    return requirement(
      id,
      title,
      'failure',
      [
        ...blocks.map((b) => `${b.rule}: ${b.message}`),
        ...missing.map((m) => `${m.rule}: ${m.message ?? m.item}`),
      ].join(' '),
      [...blocks.map((b) => b.rule), ...missing.map((m) => m.rule)],
      missing.map(missingKey),
    );
  }
  if (missing.length > 0) {
    return requirement(
      id,
      title,
      'data-required',
      missing.map((m) => `${m.rule}: ${m.message ?? `${m.item} unknown.`}`).join(' '),
      missing.map((m) => m.rule),
      missing.map(missingKey),
    );
  }
  return requirement(id, title, 'success', successDetail, successRules);
}

function checkFacts(facts: CourseAuthorizationFacts, purpose: Purpose): void {
  if (!isIsoDate(facts.asOf)) {
    throw new ProtocolInputError('asOf', 'must be a real calendar date in YYYY-MM-DD form');
  }
  if (!isIsoDate(facts.plannedStart)) {
    throw new ProtocolInputError('plannedStart', 'must be a real calendar date in YYYY-MM-DD form');
  }
  if (!Number.isInteger(facts.course) || facts.course < 1) {
    throw new ProtocolInputError('course', 'must be a whole number of at least 1');
  }
  if (purpose === 'authorize' && isBefore(facts.plannedStart, facts.asOf)) {
    throw new ProtocolInputError('plannedStart', 'a course cannot be authorized to start before today');
  }
}

/**
 * Never report eligible when the protocol did not say so: if eligibility is not `eligible` yet
 * neither partition explains why (which the split by rule should make impossible), the
 * requirement takes eligibility's own status.
 */
function consistentWith(
  status: 'eligible' | 'ineligible' | 'indeterminate',
  baselineTests: EtasuRequirement,
  eligible: EtasuRequirement,
): EtasuRequirement {
  if (status === 'eligible' || eligible.status !== 'success' || baselineTests.status !== 'success') {
    return eligible;
  }
  return {
    ...eligible,
    status: status === 'ineligible' ? 'failure' : 'data-required',
    detail: `Eligibility is ${status}.`,
  };
}

function assess(program: ProgramDefinition, facts: CourseAuthorizationFacts, purpose: Purpose): Assessed {
  checkFacts(facts, purpose);
  const { patient, course, plannedStart, asOf } = facts;
  const events = canonicalizeEvents(facts.events);
  const courses = groupCourses(program, events, asOf);
  const sequence = courseSequence(program, courses, facts, purpose);

  const eligibility = assessEligibility(
    program,
    patient,
    events,
    { course, earliestStart: sequence.earliestStart, plannedStart },
    asOf,
  );
  const baseline = assessBaseline(program, patient, events, course, plannedStart, asOf);
  // The BASE-* gate is its own ETASU requirement; eligibility repeats its findings, so they are
  // shown there once and eligibility keeps the rest (CI-*, IND-*, VAC-1, DOSE-*).
  const baselineRules = new Set(program.baseline.map((r) => r.rule));
  const isBaseline = (x: { rule: string }) => baselineRules.has(x.rule);

  const eligibilityBlocks = [...sequence.failures, ...eligibility.blocks.filter((b) => !isBaseline(b))];
  const eligibilityMissing = eligibility.missing.filter((m) => !isBaseline(m));
  const warningText = eligibility.warnings.map((w) => ` ${w.rule}: ${w.message}`).join('');
  const baselineBlocks = baseline.kind === 'unmet' ? baseline.blocks.filter(isBaseline) : [];
  const baselineMissing = baseline.kind === 'unmet' ? baseline.missing : [];
  const baselineTests = findingsRequirement(
    'baseline-tests',
    'Baseline tests and education',
    baselineBlocks,
    baselineMissing,
    `Every pre-treatment requirement for course ${course} is on record.`,
    [...baselineRules],
  );

  const patientEligible = consistentWith(
    eligibility.status,
    baselineTests,
    findingsRequirement(
      'patient-eligible',
      'Patient eligible for the course',
      eligibilityBlocks,
      eligibilityMissing,
      `Eligible for course ${course} starting ${plannedStart}.${warningText}`,
      [courseRule(course), 'IND-1', ...eligibility.warnings.map((w) => w.rule)],
    ),
  );

  return {
    requirements: [
      prescriberCertifiedRequirement(facts.prescriberCertification),
      enrollmentRequirement(facts.patientStatus, purpose),
      patientEligible,
      baselineTests,
      certificationRequirement('setting-certified', 'Healthcare setting', facts.settingCertification, [
        'INF-1',
        'REMS-SETTING',
      ]),
    ],
    plannedInfusions: sequence.plannedInfusions,
    warnings: eligibility.warnings,
    records: baseline.evidence,
  };
}

function evidenceOf(
  program: ProgramDefinition,
  facts: CourseAuthorizationFacts,
  assessed: Assessed,
  extraRules: string[],
): AuthorizationEvidence {
  return {
    protocolVersion: program.version,
    asOf: facts.asOf,
    rules: [...new Set([...assessed.requirements.flatMap((r) => r.rules), ...extraRules])],
    records: assessed.records,
    facts: {
      prescriberCertification: facts.prescriberCertification,
      patientStatus: facts.patientStatus,
      settingCertification: facts.settingCertification,
      course: facts.course,
      plannedStart: facts.plannedStart,
    },
  };
}

/**
 * Authorize a course only when every requirement succeeds; otherwise deny with all of them, each
 * success, data-required (a fact is missing) or failure. A plannedStart before asOf is refused
 * as input (ProtocolInputError).
 */
export function decideCourseAuthorization(
  program: ProgramDefinition,
  facts: CourseAuthorizationFacts,
): CourseAuthorizationDecision {
  const assessed = assess(program, facts, 'authorize');
  const etasu: EtasuResult = {
    caseNumber: null,
    requirements: assessed.requirements,
    overall: overallStatus(assessed.requirements),
  };
  const evidence = evidenceOf(program, facts, assessed, ['REMS-AUTHORIZATION']);
  if (etasu.overall !== 'success' || assessed.plannedInfusions === null) {
    return { kind: 'denied', etasu, evidence };
  }
  const vialsPerInfusion = Math.ceil(program.courses.doseMgPerDay.value / program.drug.vialMg);
  return {
    kind: 'authorized',
    course: facts.course,
    plannedStart: facts.plannedStart,
    plannedInfusions: assessed.plannedInfusions,
    vials: assessed.plannedInfusions * vialsPerInfusion,
    expiresOn: addDays(facts.plannedStart, program.rems.authorizationValidDays.value),
    etasu,
    warnings: assessed.warnings,
    evidence,
  };
}

/** The existing authorization for the course: active, for this course, and not past its expiry. */
function authorizationRequirement(
  authorization: ExistingAuthorization | null,
  course: number,
  asOf: IsoDate,
): EtasuRequirement {
  const id = 'course-authorized';
  const title = 'Course authorized';
  const rules = ['REMS-AUTHORIZATION'];
  if (authorization === null) {
    return requirement(id, title, 'failure', `No authorization for course ${course}.`, rules);
  }
  if (authorization.course !== course) {
    return requirement(
      id,
      title,
      'failure',
      `Authorization ${authorization.number} is for course ${authorization.course}, not course ${course}.`,
      rules,
    );
  }
  if (authorization.status !== 'active') {
    return requirement(
      id,
      title,
      'failure',
      `Authorization ${authorization.number} is ${authorization.status}.`,
      rules,
    );
  }
  if (isAfter(asOf, authorization.expiresOn)) {
    return requirement(
      id,
      title,
      'failure',
      `Authorization ${authorization.number} expired after ${authorization.expiresOn}.`,
      rules,
    );
  }
  return requirement(
    id,
    title,
    'success',
    `Authorization ${authorization.number} for course ${course}, valid through ${authorization.expiresOn}.`,
    rules,
  );
}

/**
 * The ETASU requirements alone, for $rems-etasu and CDS Hooks: the same checks as the
 * authorization, except that a course already running under its authorization is the patient's
 * current course, and, when `facts.authorization` is given, whether that authorization holds.
 */
export function etasuFor(program: ProgramDefinition, facts: EtasuFacts): EtasuResult {
  const { requirements } = assess(program, facts, 'status');
  const all =
    facts.authorization === undefined
      ? requirements
      : [...requirements, authorizationRequirement(facts.authorization, facts.course, facts.asOf)];
  return {
    caseNumber: facts.authorization?.number ?? null,
    requirements: all,
    overall: overallStatus(all),
  };
}
