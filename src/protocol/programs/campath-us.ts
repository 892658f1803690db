// Campath (alemtuzumab) for B-cell CLL, United States (protocol.md §9, Campath US PI §2.3).
// Dosed by escalation rather than in fixed courses; monitored weekly during therapy and by CD4
// after it.
import type { MonitoringCadence, ProgramDefinition } from '../program.js';
import { D, L } from '../program.js';
import { CAMPATH_RULE_TEXTS } from './rule-texts.js';
import { LEMTRADA_ALERT_TEXTS, SATISFIED_BY, lemtradaUs } from './lemtrada-us.js';

const CAMPATH = 'Campath US PI §2.3';
const VIGIL = 'Vigil program default';

/** CAM-5: the oral premedication before the first dose and each escalation. */
const ANTIHISTAMINE = 'diphenhydramine 50 mg';
const ANTIPYRETIC = 'acetaminophen 500–1000 mg';

const CAMPATH_CADENCES: MonitoringCadence[] = [
  {
    rule: 'CAM-9',
    test: 'cbc-diff',
    every: { weeks: 1 },
    offsetDays: 0,
    windowDays: 2,
    anchor: 'firstInfusion',
    // CAM-9 "CBC weekly during therapy": the therapy window, not the last dose, so a patient whose
    // doses are withheld for toxicity (CAM-7a/7b) keeps the weekly count while it matters most.
    until: 'therapyWindowEnd',
    confidence: 'L',
    source: CAMPATH,
  },
  {
    rule: 'CAM-9',
    test: 'cd4',
    every: { months: 1 },
    offsetDays: 0,
    windowDays: 7,
    anchor: 'lastInfusion',
    until: 'monitoringEndsOn',
    stopWhen: { analyte: 'cd4', atLeast: 200 },
    confidence: 'D',
    source: VIGIL,
  },
];

export const campathUs: ProgramDefinition = {
  program: 'campath',
  region: 'US',
  version: 'campath-us',
  title: 'Campath (alemtuzumab) for B-cell CLL — US label',
  drug: {
    name: 'alemtuzumab (Campath)',
    rxnorm: ['117055', '828265'],
    snomed: '391632007',
    atc: 'L01FX02',
    vialMg: 30,
  },
  courses: {
    groupingGapDays: D(28, VIGIL),
    doseMgPerDay: L(30, CAMPATH),
    firstCourseInfusions: L(null, CAMPATH),
    laterCourseInfusions: L(null, CAMPATH),
    minMonthsBetweenCourses: L(null, CAMPATH),
    maxCourses: L(null, CAMPATH),
  },
  premedication: {
    // PRE-1 (methylprednisolone) is a Lemtrada rule: the Campath label gives no steroid
    // premedication. Its antihistamine and antipyretic are required by CAM-5 and may otherwise be
    // given as clinically indicated (PRE-2), at the same doses.
    steroid: null,
    optional: L([ANTIHISTAMINE, ANTIPYRETIC], CAMPATH),
  },
  administration: {
    preparation: null,
    infusion: L({ rule: 'CAM-1', hours: 2, mayExtend: false, ivPushAllowed: false }, CAMPATH),
    traceability: null,
  },
  // Campath's label sets no observation period; Vigil keeps Lemtrada's 2 h as a default [D].
  infusionDay: { ...lemtradaUs.infusionDay, observationMinutes: D(120, VIGIL) },
  prophylaxis: {
    herpes: L(
      {
        rule: 'CAM-6',
        drug: 'famciclovir 250 mg twice daily',
        minMonthsAfterLastInfusion: 2,
        cd4Threshold: 200,
      },
      CAMPATH,
    ),
    pcp: L(
      {
        rule: 'CAM-6',
        drug: 'TMP/SMX DS twice daily three times a week',
        minMonthsAfterLastInfusion: 2,
        cd4Threshold: 200,
      },
      CAMPATH,
    ),
    listeriaAdvice: L('Avoid foods that may carry Listeria.', CAMPATH),
  },
  eligibility: {
    indicatedDiagnoses: L(['B-CLL'], CAMPATH),
    blockedDiagnoses: L([], CAMPATH),
    minAgeYears: L(18, CAMPATH),
    minPriorDmtFailures: L(0, CAMPATH),
    requiresHighlyActive: L(false, CAMPATH),
    conditions: [
      {
        condition: 'active-infection',
        rule: 'CI-3',
        kind: 'block',
        message: 'Serious active infection: defer therapy.',
      },
      {
        condition: 'hiv',
        rule: 'CI-2',
        kind: 'warning',
        message: 'HIV infection: profound immunosuppression expected.',
      },
      { condition: 'pregnant', rule: 'CI-4', kind: 'block', message: 'Pregnancy.' },
      { condition: 'breastfeeding', rule: 'CI-4', kind: 'block', message: 'Breastfeeding.' },
    ],
    liveVaccineWeeksBeforeCourse: L(6, CAMPATH),
    openSafetySignal: D({ withinDays: 30, atLeast: 'urgent' }, VIGIL),
  },
  baseline: [
    {
      rule: 'CAM-9',
      item: { kind: 'test', test: 'cbc-diff' },
      courses: 'every',
      withinDays: 30,
      confidence: 'D',
      source: VIGIL,
    },
  ],
  monitoring: {
    // CAM-9 asks for CD4 counts after therapy until >= 200 but gives no horizon: monthly CD4
    // (stopping at the first >= 200) for up to 12 months after the last dose [D].
    monthsAfterLastInfusion: D(12, VIGIL),
    cadences: CAMPATH_CADENCES,
    overdueUrgentAfterDays: D(7, VIGIL),
    // Weekly CBC windows are short: a two-day notice still lands before the draw.
    reminders: D({ leadDays: 2, questionnaireTests: [] }, VIGIL),
    satisfiedBy: SATISFIED_BY,
  },
  triage: lemtradaUs.triage,
  alertTexts: LEMTRADA_ALERT_TEXTS,
  reproductive: {
    contraceptionMonthsAfterCourse: L(6, CAMPATH),
    breastfeedingMonthsAfterCourse: L(3, CAMPATH),
  },
  campath: {
    escalationDosesMg: L([3, 10, 30] as const, CAMPATH),
    maxReactionGradeToEscalate: L(2, CAMPATH),
    maintenanceWeekdays: L([1, 3, 5], CAMPATH),
    maxTherapyWeeks: L(12, CAMPATH),
    maxDoseMg: L(30, CAMPATH),
    maxWeekMg: L(90, CAMPATH),
    reescalateAfterGapDays: L(7, CAMPATH),
    maintenanceMinDaysApart: L(2, CAMPATH),
    withholdAtReactionGrade: L(3, CAMPATH),
    premedication: L({ drugs: `${ANTIHISTAMINE} and ${ANTIPYRETIC}`, minutesBefore: 30 }, CAMPATH),
    toxicity: L(
      {
        ancBelow: 0.25,
        plateletsAtOrBelow: 25,
        resumeAncAtLeast: 0.5,
        resumePlateletsAtLeast: 50,
        baselineFallPct: 50,
        baselineAncAtOrBelow: 0.25,
        baselinePlateletsAtOrBelow: 25,
        resumeMgByEpisode: [30, 10],
        discontinueAtEpisode: 3,
      },
      CAMPATH,
    ),
  },
  rems: lemtradaUs.rems,
  rules: CAMPATH_RULE_TEXTS,
};
