// The engine's answer (spec/evaluate.md, "Output"). The format is a contract: add fields,
// never rename or drop one.
import type { Analyte, EventType, IsoDate, ProgramId } from './timeline.js';

export type Severity = 'info' | 'warning' | 'urgent' | 'critical';
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, urgent: 2, critical: 3 };

/** A record a decision rests on. `id` is the event's source identifier when it has one. */
export interface Evidence {
  type: EventType | 'monitoring' | 'baseline';
  date: IsoDate;
  id?: string;
  analyte?: Analyte;
  /** In the canonical unit of protocol.md §0. */
  value?: number;
  unit?: string;
  test?: string;
  detail?: string;
}

/** A rule that fired: a block, a warning or a note. */
export interface Finding {
  rule: string;
  message: string;
  evidence?: Evidence[];
}

/** A fact the rule needs and the timeline does not hold (unknown is never "no"). */
export interface MissingFact {
  rule: string;
  item: string;
  message?: string;
}

export type EligibilityStatus = 'eligible' | 'ineligible' | 'indeterminate';

export interface Eligibility {
  status: EligibilityStatus;
  blocks: Finding[];
  warnings: Finding[];
  missing: MissingFact[];
  /** The course being assessed (the next one), and the first date it may start (VAC-1, DOSE-3/4). */
  course: number | null;
  earliestStart: IsoDate | null;
}

export type CourseStatus = 'planned' | 'in-progress' | 'completed' | 'incomplete';

export interface CourseSummary {
  number: number;
  status: CourseStatus;
  /** Null for programs without a fixed count (Campath). */
  plannedInfusions: number | null;
  infusions: IsoDate[];
  /** Days skipped inside the course (DOSE-6: given on the next available day; prescriber told). */
  missedDays: IsoDate[];
}

export interface NextCourse {
  number: number;
  earliestStart: IsoDate;
  infusions: number;
}

export type OccurrenceStatus = 'upcoming' | 'due' | 'overdue' | 'satisfied';

export interface MonitoringOccurrence {
  test: string;
  dueOn: IsoDate;
  window: [IsoDate, IsoDate];
  status: OccurrenceStatus;
  rule: string;
  /** The result that satisfied it, when status is satisfied. */
  satisfiedBy?: Evidence;
}

export type ProphylaxisStatus = 'not-started' | 'active' | 'may-stop' | 'completed';

export interface Prophylaxis {
  kind: 'herpes-antiviral' | 'pcp' | 'premedication-steroid';
  course: number;
  status: ProphylaxisStatus;
  from: IsoDate | null;
  until: IsoDate | null;
  reason: string;
  rule: string;
}

export interface Alert {
  rule: string;
  code: string;
  severity: Severity;
  date: IsoDate;
  evidence: Evidence[];
  message: string;
  /** What to do (protocol.md §7 "Action text"). */
  action: string;
  /** Stable identity: the same rule and code on the same evidence gives the same key. */
  key: string;
}

export interface Reproductive {
  contraceptionUntil: IsoDate | null;
  avoidBreastfeedingUntil: IsoDate | null;
}

export type CampathPhase = 'escalation' | 'maintenance' | 'withheld' | 'discontinued';

export interface CampathState {
  phase: CampathPhase;
  nextDoseMg: 3 | 10 | 30 | null;
  nextDoseOn: IsoDate | null;
  weekTotalMg: number;
  toxicityEpisodes: number;
  reason: string;
  rules: string[];
  /** CAM-5: premedication due before the next dose (first dose, each escalation, re-escalation). */
  premedication: { required: boolean; text: string };
  /** CAM-1: how every dose is given. */
  administration: string;
}

export interface Verdict {
  program: ProgramId;
  region: string;
  protocolVersion: string;
  asOf: IsoDate;
  eligibility: Eligibility;
  courses: CourseSummary[];
  nextCourse: NextCourse | null;
  firstInfusion: IsoDate | null;
  lastInfusion: IsoDate | null;
  monitoringEndsOn: IsoDate | null;
  monitoring: MonitoringOccurrence[];
  prophylaxis: Prophylaxis[];
  alerts: Alert[];
  reproductive: Reproductive;
  campath: CampathState | null;
}
