// The patient timeline: what the protocol engine reads (spec/evaluate.md, "Input").
// Plain data only; the zod schema that validates it lives in src/contracts/timeline.ts.

/** A calendar date, `YYYY-MM-DD` (protocol.md §0). */
export type IsoDate = string;

export type ProgramId = 'lemtrada' | 'campath';
export type Region = 'US' | 'EU';
export type Sex = 'female' | 'male';

export const DIAGNOSES = ['RRMS', 'active-SPMS', 'SPMS', 'CIS', 'PPMS', 'B-CLL', 'other'] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

export const CONDITIONS = [
  'hiv',
  'active-infection',
  'hypersensitivity-alemtuzumab',
  'bleeding-disorder',
  'thyroid-disease',
  'renal-disease',
  'recent-infection',
  'malignancy',
  'prior-campath',
  'pregnant',
  'breastfeeding',
  // EU contraindications (protocol.md §11)
  'severe-active-infection',
  'uncontrolled-hypertension',
  'arterial-dissection',
  'stroke',
  'angina-mi',
  'coagulopathy',
  'antiplatelet-anticoagulant',
  'other-autoimmune',
  // EU indication qualifiers (protocol.md §11)
  'highly-active',
  'rapidly-evolving-severe',
  // Campath discontinuation criteria (protocol.md §9, CAM-8)
  'autoimmune-hemolytic-anemia',
  'autoimmune-thrombocytopenia',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Facts that may be declared unknown: any condition, or a patient field. */
export const UNKNOWABLE_FIELDS = ['childbearingPotential', 'priorDmtFailures', 'diagnosis'] as const;
export type UnknownFact = Condition | (typeof UNKNOWABLE_FIELDS)[number];

export interface PatientFacts {
  birthDate: IsoDate;
  sex: Sex;
  /** Required for females; absent means unknown (BASE-7 becomes indeterminate). */
  childbearingPotential?: boolean | undefined;
  diagnosis: Diagnosis;
  priorDmtFailures?: number | undefined;
  conditions: Condition[];
  unknown: UnknownFact[];
}

export const ANALYTES = [
  'platelets',
  'neutrophils',
  'lymphocytes',
  'wbc',
  'hemoglobin',
  'cd4',
  'creatinine',
  'urine-rbc',
  'urine-protein',
  'upcr',
  'tsh',
  'alt',
  'ast',
  'bilirubin',
] as const;
export type Analyte = (typeof ANALYTES)[number];

export const SCREENING_TESTS = ['tb', 'hiv', 'hbv', 'hcv', 'vzv-antibody', 'pregnancy-test'] as const;
export type ScreeningTest = (typeof SCREENING_TESTS)[number];
export const SCREENING_RESULTS = ['negative', 'positive', 'indeterminate'] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

export const EXAMS = ['skin-exam', 'hpv-screening'] as const;
export type Exam = (typeof EXAMS)[number];

export const EDUCATION_MATERIALS = ['patient-guide', 'wallet-card'] as const;
export type EducationMaterial = (typeof EDUCATION_MATERIALS)[number];

/** ITP questionnaire answer keys (spec/evaluate.md; ALR-ITPQ). */
export const ITP_QUESTIONNAIRE_KEYS = [
  'petechiae',
  'easyBruising',
  'bleedingGums',
  'nosebleed',
  'bloodInUrine',
  'heavyMenstrualBleeding',
  'coughingBlood',
] as const;
export type ItpQuestionnaireKey = (typeof ITP_QUESTIONNAIRE_KEYS)[number];

/** Stroke and cervicocephalic arterial dissection signs (INF-5, ALR-STR). */
export const STROKE_SIGNS = [
  'sudden-one-sided-weakness',
  'sudden-numbness',
  'sudden-confusion',
  'trouble-speaking',
  'vision-loss',
  'trouble-walking',
  'dizziness',
  'sudden-severe-headache',
  'neck-pain',
] as const;
export type StrokeSign = (typeof STROKE_SIGNS)[number];

/** Every event may carry a stable `id` (a source identifier) so evidence can name it. */
interface EventBase {
  id?: string | undefined;
  date: IsoDate;
}

export interface InfusionEvent extends EventBase {
  type: 'infusion';
  doseMg: number;
  lot?: string | undefined;
}

export interface ReferenceRange {
  low?: number | undefined;
  high?: number | undefined;
}

export interface LabEvent extends EventBase {
  type: 'lab';
  analyte: Analyte;
  value: number;
  /** As sent; the engine converts to the canonical unit (units.ts) or rejects it. */
  unit: string;
  referenceRange?: ReferenceRange | undefined;
}

export interface ScreeningEvent extends EventBase {
  type: 'screening';
  test: ScreeningTest;
  result: ScreeningResult;
}

export interface VaccinationEvent extends EventBase {
  type: 'vaccination';
  vaccine: string;
  live: boolean;
}

export interface ExamEvent extends EventBase {
  type: 'exam';
  exam: Exam;
}

export interface QuestionnaireEvent extends EventBase {
  type: 'questionnaire';
  kind: 'itp-questionnaire';
  answers: Partial<Record<ItpQuestionnaireKey, boolean>>;
}

export interface SymptomReportEvent extends EventBase {
  type: 'symptom-report';
  symptoms: string[];
}

export interface InfusionReactionEvent extends EventBase {
  type: 'infusion-reaction';
  grade: number;
}

export interface PregnancyEvent extends EventBase {
  type: 'pregnancy';
}

export interface EducationEvent extends EventBase {
  type: 'education';
  material: EducationMaterial;
}

export type TimelineEvent =
  | InfusionEvent
  | LabEvent
  | ScreeningEvent
  | VaccinationEvent
  | ExamEvent
  | QuestionnaireEvent
  | SymptomReportEvent
  | InfusionReactionEvent
  | PregnancyEvent
  | EducationEvent;

export type EventType = TimelineEvent['type'];

export interface Timeline {
  program: ProgramId;
  region: Region;
  asOf: IsoDate;
  patient: PatientFacts;
  events: TimelineEvent[];
}

/** Narrow the events of a timeline to one type, keeping their order. */
export function eventsOfType<T extends EventType>(
  events: readonly TimelineEvent[],
  type: T,
): Extract<TimelineEvent, { type: T }>[] {
  return events.filter((e): e is Extract<TimelineEvent, { type: T }> => e.type === type);
}
