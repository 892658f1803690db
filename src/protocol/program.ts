// What a program definition holds (DESIGN.md convention 4): every cadence, window, threshold
// and text the rules use, each value with its source and confidence (protocol.md preamble).
// Changing a [D] default is a data change in src/protocol/programs/, never a code change.
import type { Condition, Diagnosis, ProgramId, Region, ScreeningTest, Sex } from './timeline.js';
import type { Severity } from './verdict.js';

/** [L] label or REMS text, [S] secondary source, [D] Vigil default (protocol.md). */
export type Confidence = 'L' | 'S' | 'D';

export interface Sourced<T> {
  value: T;
  confidence: Confidence;
  source: string;
}

/** Shorthands so program files read like the rule book. */
export const L = <T>(value: T, source: string): Sourced<T> => ({ value, confidence: 'L', source });
export const S = <T>(value: T, source: string): Sourced<T> => ({ value, confidence: 'S', source });
export const D = <T>(value: T, source: string): Sourced<T> => ({ value, confidence: 'D', source });

/** The text behind a rule ID, for "Why?" in the UI and for audit evidence. */
export interface RuleText {
  title: string;
  text: string;
  confidence: Confidence;
  source: string;
}

export interface CourseRules {
  /** An infusion within this many days of the previous one joins its course (protocol.md §0). */
  groupingGapDays: Sourced<number>;
  /** DOSE-1 */
  doseMgPerDay: Sourced<number>;
  /** DOSE-2 (course 1), DOSE-3/DOSE-4 (later courses). */
  /** Null for programs dosed without a fixed count (Campath, CAM-2). */
  firstCourseInfusions: Sourced<number | null>;
  laterCourseInfusions: Sourced<number | null>;
  /** DOSE-3/DOSE-4: next course no earlier than lastInfusion + this many months; null = no courses. */
  minMonthsBetweenCourses: Sourced<number | null>;
  /** DOSE-4: null = no cap (US); 4 in the EU. */
  maxCourses: Sourced<number | null>;
}

export interface PremedicationRules {
  /** PRE-1; null for a program without steroid premedication (Campath premedicates by CAM-5). */
  steroid: Sourced<{ drug: string; doseMg: number; route: string; courseDays: number[] }> | null;
  /** PRE-2 */
  optional: Sourced<string[]>;
}

export interface ProphylaxisRules {
  /** PRE-3 / CAM-6: from day 1 until the later of lastInfusion + months and a CD4 ≥ threshold. */
  herpes: Sourced<{ rule: string; drug: string; minMonthsAfterLastInfusion: number; cd4Threshold: number }>;
  /** CAM-6 (Campath only). */
  pcp: Sourced<{
    rule: string;
    drug: string;
    minMonthsAfterLastInfusion: number;
    cd4Threshold: number;
  }> | null;
  /** PRE-4 */
  listeriaAdvice: Sourced<string>;
}

/** How one dose is prepared, infused and traced (ADM-1..ADM-3; CAM-1). Null: the program has no such rule. */
export interface AdministrationRules {
  /** ADM-1 */
  preparation: Sourced<{
    rule: string;
    diluentMl: number;
    diluents: string[];
    doNotShake: boolean;
    useWithinHours: number;
  }> | null;
  /** ADM-2 / CAM-1 */
  infusion: Sourced<{ rule: string; hours: number; mayExtend: boolean; ivPushAllowed: boolean }>;
  /** ADM-3 */
  traceability: Sourced<{ rule: string; recordLot: boolean }> | null;
}

export interface ContraindicationRule {
  condition: Condition;
  rule: string;
  /** 'block' stops the course; 'warning' is shown and recorded (CAU-1, IND-4). */
  kind: 'block' | 'warning';
  message: string;
}

export interface EligibilityRules {
  /** IND-1 / §11 */
  indicatedDiagnoses: Sourced<Diagnosis[]>;
  /** IND-3: not recommended (block). */
  blockedDiagnoses: Sourced<Diagnosis[]>;
  /** IND-3 */
  minAgeYears: Sourced<number>;
  /** IND-2 (US): warning when fewer prior DMT failures; EU §11: ≥ 1 DMT or rapidly evolving. */
  minPriorDmtFailures: Sourced<number>;
  /** EU §11: the indication also requires highly active or rapidly evolving severe disease. */
  requiresHighlyActive: Sourced<boolean>;
  conditions: ContraindicationRule[];
  /** VAC-1 */
  liveVaccineWeeksBeforeCourse: Sourced<number>;
  /**
   * [D] A triage alert at or above `atLeast` dated within `withinDays` before asOf is an open
   * safety signal: eligibility shows it as a warning citing the alert's rule (never a block).
   */
  openSafetySignal: Sourced<{ withinDays: number; atLeast: Severity }>;
}

/** What a baseline requirement is satisfied by. */
export type BaselineItem =
  | { kind: 'test'; test: string }
  | { kind: 'screening'; test: ScreeningTest }
  | { kind: 'education'; material: 'patient-guide' | 'wallet-card' }
  | { kind: 'vzv-status' };

export interface BaselineRequirement {
  rule: string;
  item: BaselineItem;
  /** 'first': before course 1 only; 'every': before each course. */
  courses: 'first' | 'every';
  /** Result must be within this many days before the course's first infusion; null = any time before. */
  withinDays: number | null;
  /** Applies only to this sex (BASE-9) or only with childbearing potential (BASE-7). */
  sex?: Sex;
  childbearingOnly?: boolean;
  confidence: Confidence;
  source: string;
}

export interface MonitoringCadence {
  rule: string;
  test: string;
  /** Due dates are anchor + k × every (months or weeks), computed from the anchor (§0). */
  every: { months: number } | { weeks: number };
  /** Extra days added to each due date (MON-6: two weeks after the CBC). */
  offsetDays: number;
  /** ± days around the due date. */
  windowDays: number;
  /** firstInfusion (Lemtrada) or lastInfusion (Campath CD4 after therapy). */
  anchor: 'firstInfusion' | 'lastInfusion';
  /**
   * Last date an occurrence may fall due (inclusive): monitoringEndsOn (Lemtrada), lastInfusion,
   * or therapyWindowEnd (Campath CBC during therapy, CAM-9: through the whole therapy window, so
   * doses withheld for toxicity do not stop the weekly count; see ScheduleAnchors).
   */
  until: 'monitoringEndsOn' | 'lastInfusion' | 'therapyWindowEnd';
  /** Stop once a result of this analyte reaches the threshold (Campath CD4 ≥ 200). */
  stopWhen?: { analyte: 'cd4'; atLeast: number };
  sex?: Sex;
  confidence: Confidence;
  source: string;
}

export interface MonitoringRules {
  /** monitoringEndsOn = addMonths(lastInfusion, this) (protocol.md §0). */
  monthsAfterLastInfusion: Sourced<number>;
  cadences: MonitoringCadence[];
  /** monitoring-overdue is a warning, urgent once this many days past the window [D]. */
  overdueUrgentAfterDays: Sourced<number>;
  /**
   * [D] What the daily sweep reminds of: a monitoring reminder `leadDays` before an occurrence's
   * window opens; for `questionnaireTests`, a questionnaire reminder once the window opens.
   */
  reminders: Sourced<{ leadDays: number; questionnaireTests: string[] }>;
  /** Which analytes satisfy which test (protocol.md §0). */
  satisfiedBy: Record<string, string[]>;
}

export interface Band {
  severity: Severity;
  /** The trigger holds when value < below (or > above). */
  below?: number;
  above?: number;
}

/** A cut-off on a result's ratio to its baseline: met when ratio ≥ atLeast. */
export interface RatioBand {
  severity: Severity;
  atLeast: number;
}

export interface TriageRules {
  /** ALR-PLT: bands checked highest severity first; plus the fall from baseline. */
  platelets: Sourced<{ bands: Band[]; fallFromBaselinePct: number; fallSeverity: Severity }>;
  /** ALR-ANC */
  neutrophils: Sourced<{ bands: Band[] }>;
  /** ALR-CR: above the ULN, or a ratio to baseline (ratioBands checked highest severity first). */
  creatinine: Sourced<{ uln: number; aboveUlnSeverity: Severity; ratioBands: RatioBand[] }>;
  /** ALR-HEM */
  urineRbc: Sourced<{ above: number; severity: Severity }>;
  /** ALR-PRO */
  proteinuria: Sourced<{ upcrAbove: number; dipstickAtLeast: number; severity: Severity }>;
  /** ALR-GBM */
  antiGbm: Sourced<{ creatinineRatio: number; withinDays: number; severity: Severity }>;
  /** ALR-TSH */
  tsh: Sourced<{ bands: Band[] }>;
  /** ALR-LIV */
  liver: Sourced<{
    aminotransferaseUln: number;
    factor: number;
    bilirubinUln: number;
    bilirubinFactor: number;
    /** [D] A bilirubin result within this many days of the ALT/AST result raises withBilirubinSeverity. */
    bilirubinWithinDays: number;
    /** ALT or AST alone. */
    severity: Severity;
    withBilirubinSeverity: Severity;
  }>;
  /** ALR-ITPQ: any bleeding sign answered yes. */
  itpQuestionnaire: Sourced<{ severity: Severity }>;
  /** ALR-STR: severityWithin when reported within withinDays after an infusion, severityLater otherwise. */
  stroke: Sourced<{ withinDays: number; severityWithin: Severity; severityLater: Severity }>;
  /** ALR-VAC: a live vaccine on or after the first infusion. */
  liveVaccine: Sourced<{ severity: Severity }>;
  /** ALR-PREG */
  pregnancy: Sourced<{ withinMonths: number; severity: Severity }>;
}

/**
 * What an alert says. `message` and the actions may hold `{name}` placeholders that the rule
 * fills from its program values (ALR-PREG `{withinMonths}`), so a number is written once, in data.
 */
export interface AlertText {
  code: string;
  message: string;
  /** What to do; used for any severity `actions` does not name. */
  action: string;
  /** protocol.md §7: the action when it differs by severity (ALR-PLT, ALR-CR). */
  actions?: Partial<Record<Severity, string>>;
}

export interface ReproductiveRules {
  /** REP-1 */
  contraceptionMonthsAfterCourse: Sourced<number>;
  /** REP-2 */
  breastfeedingMonthsAfterCourse: Sourced<number>;
}

export interface CampathRules {
  /** CAM-2 */
  escalationDosesMg: Sourced<readonly [3, 10, 30]>;
  maxReactionGradeToEscalate: Sourced<number>;
  maintenanceWeekdays: Sourced<number[]>;
  maxTherapyWeeks: Sourced<number>;
  /** CAM-3 */
  maxDoseMg: Sourced<number>;
  maxWeekMg: Sourced<number>;
  /** CAM-4 */
  reescalateAfterGapDays: Sourced<number>;
  /** CAM-2: maintenance doses on alternate days: at least this many days apart. */
  maintenanceMinDaysApart: Sourced<number>;
  /** CAM-5 */
  withholdAtReactionGrade: Sourced<number>;
  /** CAM-5: given before the first dose, each escalation and each re-escalation (CAM-4). */
  premedication: Sourced<{ drugs: string; minutesBefore: number }>;
  /** CAM-7a/7b */
  toxicity: Sourced<{
    ancBelow: number;
    plateletsAtOrBelow: number;
    resumeAncAtLeast: number;
    resumePlateletsAtLeast: number;
    baselineFallPct: number;
    /** CAM-7b applies to an analyte whose baseline is at or below these. */
    baselineAncAtOrBelow: number;
    baselinePlateletsAtOrBelow: number;
    /** Resume dose after the 1st, 2nd, … episode; the episode numbered discontinueAtEpisode stops therapy. */
    resumeMgByEpisode: number[];
    discontinueAtEpisode: number;
  }>;
}

/** Infusion-day rules the healthcare setting follows (protocol.md §5). */
export interface InfusionDayRules {
  /** INF-4: observation after each infusion ends, before discharge. */
  observationMinutes: Sourced<number>;
  /** INF-3: vital signs during the infusion at least this often [D]. */
  vitalsEveryMinutes: Sourced<number>;
  /** INF-5: the signs the patient is told at every infusion (symptom codes of ALR-STR). */
  strokeSigns: Sourced<string[]>;
  /** INF-6: CTCAE grades. */
  reactionGrades: Sourced<{ min: number; max: number }>;
}

/** REMS administration values the REMS text leaves open (rems.md); all Vigil defaults [D]. */
export interface RemsRules {
  /** A course authorization is valid through plannedStart + this many days (rems.md). */
  authorizationValidDays: Sourced<number>;
  /** Patient Status Form every this many months from firstInfusion until monitoringEndsOn (REMS: "periodic"). */
  statusFormMonths: Sourced<number>;
  /** A status form may be filed this many days before its due date and is overdue this many days after it. */
  statusFormWindowDays: Sourced<number>;
  /** Knowledge assessment: correct answers needed to pass (rems.md: all 8). */
  assessmentPassMark: Sourced<number>;
  /**
   * REMS-ESCALATION: an alert of this severity still open (not acknowledged) this many minutes
   * after it was raised escalates to the prescriber's delegates and the program. Severities not
   * named never do.
   */
  escalateUnacknowledgedAfterMinutes: Sourced<Partial<Record<Severity, number>>>;
  /**
   * What the patient is told at once when their own report raises ALR-STR (stroke or dissection
   * signs, INF-5) or ALR-ITPQ (bleeding signs): region-specific (the emergency number).
   */
  patientReportAdvice: Sourced<{ stroke: string; bleeding: string }>;
}

export interface ProgramDefinition {
  program: ProgramId;
  region: Region;
  version: string;
  title: string;
  drug: { name: string; rxnorm: string[]; snomed: string; atc: string; vialMg: number };
  courses: CourseRules;
  premedication: PremedicationRules;
  administration: AdministrationRules;
  infusionDay: InfusionDayRules;
  prophylaxis: ProphylaxisRules;
  eligibility: EligibilityRules;
  baseline: BaselineRequirement[];
  monitoring: MonitoringRules;
  triage: TriageRules;
  alertTexts: Record<string, AlertText>;
  reproductive: ReproductiveRules;
  campath: CampathRules | null;
  rems: RemsRules;
  /** Every rule ID this program uses, with its text and source. */
  rules: Record<string, RuleText>;
}
