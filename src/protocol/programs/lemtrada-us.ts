// Lemtrada, United States: the 2020 label and the REMS update of 2024-03-04 (protocol.md §1–§8).
// Every value is data with its source; [D] values are Vigil defaults a site may change here.
import type {
  ProgramDefinition,
  BaselineRequirement,
  MonitoringCadence,
  ContraindicationRule,
} from '../program.js';
import { D, L, S } from '../program.js';
import { LEMTRADA_RULE_TEXTS } from './rule-texts.js';
import { STROKE_SIGNS } from '../timeline.js';

const LABEL = 'Lemtrada US PI (2020 revisions)';
const REMS = 'Lemtrada REMS (REMS@FDA, update 2024-03-04)';
const VIGIL = 'Vigil program default';
const BELGIAN = 'Belgian consensus on ITP monitoring after alemtuzumab (2018)';

export const LEMTRADA_BASELINE: BaselineRequirement[] = [
  {
    rule: 'BASE-1',
    item: { kind: 'test', test: 'cbc-diff' },
    courses: 'every',
    withinDays: 30,
    confidence: 'L',
    source: REMS,
  },
  {
    rule: 'BASE-1',
    item: { kind: 'test', test: 'creatinine' },
    courses: 'every',
    withinDays: 30,
    confidence: 'L',
    source: REMS,
  },
  {
    rule: 'BASE-1',
    item: { kind: 'test', test: 'urinalysis' },
    courses: 'every',
    withinDays: 30,
    confidence: 'L',
    source: REMS,
  },
  {
    rule: 'BASE-2',
    item: { kind: 'test', test: 'upcr' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-3',
    item: { kind: 'test', test: 'tsh' },
    courses: 'every',
    withinDays: 30,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-3',
    item: { kind: 'test', test: 'liver' },
    courses: 'every',
    withinDays: 30,
    confidence: 'D',
    source: VIGIL,
  },
  {
    rule: 'BASE-4',
    item: { kind: 'test', test: 'skin-exam' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-5',
    item: { kind: 'screening', test: 'tb' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-5',
    item: { kind: 'screening', test: 'hiv' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-5',
    item: { kind: 'screening', test: 'hbv' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-5',
    item: { kind: 'screening', test: 'hcv' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-6',
    item: { kind: 'vzv-status' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: LABEL,
  },
  {
    rule: 'BASE-7',
    item: { kind: 'screening', test: 'pregnancy-test' },
    courses: 'every',
    withinDays: 30,
    childbearingOnly: true,
    confidence: 'D',
    source: VIGIL,
  },
  {
    rule: 'BASE-8',
    item: { kind: 'education', material: 'patient-guide' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: REMS,
  },
  {
    rule: 'BASE-8',
    item: { kind: 'education', material: 'wallet-card' },
    courses: 'first',
    withinDays: null,
    confidence: 'L',
    source: REMS,
  },
  {
    rule: 'BASE-9',
    item: { kind: 'test', test: 'hpv-screening' },
    courses: 'first',
    withinDays: null,
    sex: 'female',
    confidence: 'L',
    source: LABEL,
  },
];

const monthly = (rule: string, test: string, windowDays: number, offsetDays = 0): MonitoringCadence => ({
  rule,
  test,
  every: { months: 1 },
  offsetDays,
  windowDays,
  anchor: 'firstInfusion',
  until: 'monitoringEndsOn',
  confidence: 'L',
  source: REMS,
});

export const LEMTRADA_CADENCES: MonitoringCadence[] = [
  monthly('MON-1', 'cbc-diff', 7),
  monthly('MON-1', 'creatinine', 7),
  monthly('MON-1', 'urinalysis', 7),
  { ...monthly('MON-2', 'tsh', 14), every: { months: 3 }, source: LABEL },
  { ...monthly('MON-3', 'liver', 7), confidence: 'D', source: VIGIL },
  { ...monthly('MON-4', 'skin-exam', 30), every: { months: 12 }, source: LABEL },
  { ...monthly('MON-5', 'hpv-screening', 30), every: { months: 12 }, sex: 'female', source: LABEL },
  {
    ...monthly('MON-6', 'itp-questionnaire', 7, 14),
    confidence: 'S',
    source: 'Seed 001 (ITP monitoring protocol)',
  },
];

export const LEMTRADA_CONDITIONS: ContraindicationRule[] = [
  {
    condition: 'hypersensitivity-alemtuzumab',
    rule: 'CI-1',
    kind: 'block',
    message: 'Hypersensitivity or anaphylaxis to alemtuzumab.',
  },
  { condition: 'hiv', rule: 'CI-2', kind: 'block', message: 'HIV infection.' },
  {
    condition: 'active-infection',
    rule: 'CI-3',
    kind: 'block',
    message: 'Active infection: defer the course until it has resolved.',
  },
  { condition: 'pregnant', rule: 'CI-4', kind: 'block', message: 'Pregnancy.' },
  { condition: 'breastfeeding', rule: 'CI-4', kind: 'block', message: 'Breastfeeding.' },
  {
    condition: 'prior-campath',
    rule: 'IND-4',
    kind: 'warning',
    message: 'Prior Campath exposure: extra vigilance.',
  },
  { condition: 'bleeding-disorder', rule: 'CAU-1', kind: 'warning', message: 'Bleeding disorder.' },
  { condition: 'thyroid-disease', rule: 'CAU-1', kind: 'warning', message: 'Thyroid disease.' },
  { condition: 'renal-disease', rule: 'CAU-1', kind: 'warning', message: 'Renal disease.' },
  { condition: 'recent-infection', rule: 'CAU-1', kind: 'warning', message: 'Recent infection.' },
  { condition: 'malignancy', rule: 'CAU-1', kind: 'warning', message: 'Active malignancy.' },
];

/** Analytes and events that satisfy each monitoring test (protocol.md §0). */
export const SATISFIED_BY: Record<string, string[]> = {
  'cbc-diff': ['platelets', 'neutrophils'],
  creatinine: ['creatinine'],
  urinalysis: ['urine-rbc', 'urine-protein'],
  tsh: ['tsh'],
  liver: ['alt', 'ast'],
  upcr: ['upcr'],
  cd4: ['cd4'],
  'skin-exam': ['skin-exam'],
  'hpv-screening': ['hpv-screening'],
  'itp-questionnaire': ['itp-questionnaire'],
};

export const LEMTRADA_ALERT_TEXTS: ProgramDefinition['alertTexts'] = {
  'ALR-PLT': {
    code: 'thrombocytopenia',
    message: 'Low platelet count.',
    action: 'Evaluate for ITP; repeat the CBC; bleeding precautions.',
    actions: {
      critical: 'Same-day evaluation for ITP; bleeding precautions.',
      urgent: 'Repeat the CBC and evaluate for ITP within 24–48 hours.',
      warning: 'Repeat the CBC within 1 week.',
    },
  },
  'ALR-ANC': { code: 'neutropenia', message: 'Low neutrophil count.', action: 'Evaluate for infection.' },
  'ALR-CR': {
    code: 'nephropathy',
    message: 'Serum creatinine has risen.',
    action: 'Evaluate renal function; urinalysis.',
    actions: {
      urgent: 'Evaluate renal function; urinalysis.',
      warning: 'Repeat the creatinine and compare with baseline.',
    },
  },
  'ALR-HEM': {
    code: 'hematuria',
    message: 'Blood in the urine (> {above} RBC/HPF).',
    action: 'Repeat urinalysis (exclude menses).',
  },
  'ALR-PRO': { code: 'proteinuria', message: 'Protein in the urine.', action: 'Quantify proteinuria.' },
  'ALR-GBM': {
    code: 'anti-gbm-suspected',
    message: 'Creatinine rise with hematuria: anti-GBM disease suspected.',
    action: 'Urgent nephrology referral; anti-GBM antibodies.',
  },
  'ALR-TSH': {
    code: 'thyroid-dysfunction',
    message: 'TSH outside the reference range.',
    action: 'Free T4 and TRAb; endocrinology.',
  },
  'ALR-LIV': {
    code: 'hepatic-injury',
    message: 'Liver enzymes raised.',
    action: 'Evaluate promptly; interrupt treatment.',
  },
  'ALR-ITPQ': {
    code: 'itp-symptoms',
    message: 'ITP questionnaire reports a bleeding sign.',
    action: 'CBC within 24 hours.',
  },
  'ALR-STR': {
    code: 'stroke-symptoms',
    message: 'Stroke or arterial dissection sign reported.',
    action: 'Call emergency services now.',
  },
  'ALR-VAC': {
    code: 'live-vaccine',
    message: 'Live vaccine given after alemtuzumab.',
    action: 'Live vaccines are to be avoided after treatment; review.',
  },
  'ALR-PREG': {
    code: 'pregnancy-exposure',
    message: 'Pregnancy within {withinMonths} months after a course.',
    action: 'Continue TSH monitoring; report to the pregnancy registry.',
  },
  'monitoring-overdue': {
    code: 'monitoring-overdue',
    message: 'A monitoring test is overdue.',
    action: 'Arrange the test now and contact the patient.',
  },
};

export const lemtradaUs: ProgramDefinition = {
  program: 'lemtrada',
  region: 'US',
  version: 'lemtrada-us-2024-03',
  title: 'Lemtrada (alemtuzumab) for relapsing MS — US label and REMS',
  drug: {
    name: 'alemtuzumab (Lemtrada)',
    rxnorm: ['1594660'],
    snomed: '391632007',
    atc: 'L04AA34',
    vialMg: 12,
  },
  courses: {
    groupingGapDays: D(14, VIGIL),
    doseMgPerDay: L(12, LABEL),
    firstCourseInfusions: L(5, LABEL),
    laterCourseInfusions: L(3, LABEL),
    minMonthsBetweenCourses: L(12, LABEL),
    maxCourses: L(null, LABEL),
  },
  premedication: {
    steroid: L({ drug: 'methylprednisolone', doseMg: 1000, route: 'IV', courseDays: [1, 2, 3] }, LABEL),
    optional: L(['antihistamine', 'antipyretic'], LABEL),
  },
  administration: {
    preparation: S(
      {
        rule: 'ADM-1',
        diluentMl: 100,
        diluents: ['0.9% sodium chloride', '5% dextrose'],
        doNotShake: true,
        useWithinHours: 8,
      },
      'Lemtrada SmPC',
    ),
    infusion: L({ rule: 'ADM-2', hours: 4, mayExtend: true, ivPushAllowed: false }, LABEL),
    traceability: L({ rule: 'ADM-3', recordLot: true }, 'Lemtrada SmPC'),
  },
  infusionDay: {
    observationMinutes: L(120, LABEL),
    vitalsEveryMinutes: D(60, VIGIL),
    strokeSigns: L([...STROKE_SIGNS], 'FDA Drug Safety Communication 2018-11-29'),
    reactionGrades: L({ min: 1, max: 5 }, 'CTCAE v5'),
  },
  prophylaxis: {
    herpes: L(
      {
        rule: 'PRE-3',
        drug: 'oral antiherpes agent (e.g. acyclovir 200 mg twice daily)',
        minMonthsAfterLastInfusion: 2,
        cd4Threshold: 200,
      },
      LABEL,
    ),
    pcp: null,
    listeriaAdvice: L(
      'Avoid or adequately heat foods that may carry Listeria (deli meats, soft cheeses, unpasteurized dairy).',
      LABEL,
    ),
  },
  eligibility: {
    indicatedDiagnoses: L(['RRMS', 'active-SPMS'], LABEL),
    blockedDiagnoses: L(['CIS'], LABEL),
    minAgeYears: L(17, LABEL),
    minPriorDmtFailures: L(2, LABEL),
    requiresHighlyActive: L(false, LABEL),
    conditions: LEMTRADA_CONDITIONS,
    liveVaccineWeeksBeforeCourse: L(6, LABEL),
    openSafetySignal: D({ withinDays: 30, atLeast: 'urgent' }, VIGIL),
  },
  baseline: LEMTRADA_BASELINE,
  monitoring: {
    monthsAfterLastInfusion: L(48, REMS),
    cadences: LEMTRADA_CADENCES,
    overdueUrgentAfterDays: D(30, VIGIL),
    reminders: D({ leadDays: 7, questionnaireTests: ['itp-questionnaire'] }, VIGIL),
    satisfiedBy: SATISFIED_BY,
  },
  triage: {
    platelets: D(
      {
        bands: [
          { severity: 'critical', below: 30 },
          { severity: 'urgent', below: 100 },
          { severity: 'warning', below: 150 },
        ],
        fallFromBaselinePct: 50,
        fallSeverity: 'warning',
      },
      BELGIAN,
    ),
    neutrophils: D(
      {
        bands: [
          { severity: 'critical', below: 0.5 },
          { severity: 'urgent', below: 1.0 },
          { severity: 'warning', below: 1.5 },
        ],
      },
      VIGIL,
    ),
    creatinine: D(
      {
        uln: 1.2,
        aboveUlnSeverity: 'warning',
        ratioBands: [
          { severity: 'urgent', atLeast: 1.5 },
          { severity: 'warning', atLeast: 1.3 },
        ],
      },
      VIGIL,
    ),
    urineRbc: D({ above: 5, severity: 'warning' }, VIGIL),
    proteinuria: D({ upcrAbove: 200, dipstickAtLeast: 1, severity: 'warning' }, VIGIL),
    antiGbm: L({ creatinineRatio: 1.3, withinDays: 14, severity: 'critical' }, LABEL),
    tsh: D(
      {
        bands: [
          { severity: 'urgent', below: 0.1, above: 10 },
          { severity: 'warning', below: 0.4, above: 4.0 },
        ],
      },
      VIGIL,
    ),
    // bilirubinWithinDays is a Vigil default [D] (protocol.md §7 ALR-LIV gives no window).
    liver: S(
      {
        aminotransferaseUln: 40,
        factor: 3,
        bilirubinUln: 1.2,
        bilirubinFactor: 2,
        bilirubinWithinDays: 14,
        severity: 'urgent',
        withBilirubinSeverity: 'critical',
      },
      LABEL,
    ),
    itpQuestionnaire: D({ severity: 'urgent' }, VIGIL),
    stroke: L(
      { withinDays: 3, severityWithin: 'critical', severityLater: 'urgent' },
      'FDA Drug Safety Communication 2018-11-29',
    ),
    liveVaccine: D({ severity: 'urgent' }, VIGIL),
    pregnancy: L({ withinMonths: 4, severity: 'urgent' }, LABEL),
  },
  alertTexts: LEMTRADA_ALERT_TEXTS,
  reproductive: {
    contraceptionMonthsAfterCourse: S(4, 'Seed 004 drug monograph'),
    breastfeedingMonthsAfterCourse: L(3, 'Seed 004 drug monograph'),
  },
  campath: null,
  rems: {
    authorizationValidDays: D(30, VIGIL),
    statusFormMonths: D(6, `${VIGIL} (the REMS says "periodic")`),
    statusFormWindowDays: D(30, VIGIL),
    assessmentPassMark: D(8, `${VIGIL} (rems.md: all 8 correct)`),
    escalateUnacknowledgedAfterMinutes: D({ critical: 60, urgent: 24 * 60 }, VIGIL),
    patientReportAdvice: D(
      {
        stroke:
          'Call emergency services now (911). Do not wait to see if the signs pass: stroke and artery tears in the neck can happen after alemtuzumab, most often within 1 to 3 days of an infusion.',
        bleeding:
          'Get a blood count (complete blood count) within 24 hours, and contact your care team today. These can be signs of a low platelet count (immune thrombocytopenia).',
      },
      `${VIGIL}, wording after the Medication Guide and FDA Drug Safety Communication 2018-11-29`,
    ),
  },
  rules: LEMTRADA_RULE_TEXTS,
};
