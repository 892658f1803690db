// The prescriber knowledge assessment (rems.md "Certification and enrollment"): eight multiple-
// choice questions written from the label and protocol.md, each testing one rule. The numbers in
// them come from the program definition, so a changed [D] value changes the question. The client
// gets the questions without answers or explanations (publicAssessment); the server scores the
// submission and only then reveals them (scoreAssessment).
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { ITP_QUESTIONNAIRE_KEYS } from '../protocol/timeline.js';
import { capitalize, count, duration, ITP_SIGN_WORDS, listJoin, strokeSignWords } from './wording.js';

export type QuestionId =
  | 'monitoring-duration'
  | 'itp-signs'
  | 'observation'
  | 'live-vaccines'
  | 'stroke-signs'
  | 'herpes-prophylaxis'
  | 'hiv-contraindication'
  | 'steroid-premedication';

type Options = readonly [string, string, string, string];

export interface AssessmentQuestion {
  id: QuestionId;
  /** The protocol rule the question tests. */
  rule: string;
  stem: string;
  options: Options;
  correct: 0 | 1 | 2 | 3;
  explanation: string;
}

/** What the client may see before submitting: no correct index, no explanation. */
export interface PublicQuestion {
  id: QuestionId;
  rule: string;
  stem: string;
  options: Options;
}

export interface PublicAssessment {
  programVersion: string;
  passMark: number;
  questions: PublicQuestion[];
}

export interface QuestionResult {
  id: QuestionId;
  rule: string;
  answer: number;
  correct: number;
  outcome: 'correct' | 'incorrect';
  explanation: string;
}

export interface AssessmentScore {
  kind: 'passed' | 'failed';
  programVersion: string;
  score: number;
  questionCount: number;
  passMark: number;
  questions: QuestionResult[];
}

/** The content is the Lemtrada REMS's; Campath has no prescriber assessment here. */
function requireLemtrada(program: ProgramDefinition): void {
  if (program.program !== 'lemtrada') {
    throw new ProtocolInputError(
      'program',
      `The knowledge assessment belongs to the Lemtrada REMS, not ${program.program}.`,
    );
  }
}

/** The eight questions with their answers. Server side only: never send this to a client. */
export function assessmentQuestions(program: ProgramDefinition): AssessmentQuestion[] {
  requireLemtrada(program);
  const months = program.monitoring.monthsAfterLastInfusion.value;
  const observation = duration(program.infusionDay.observationMinutes.value);
  const vaccineWeeks = program.eligibility.liveVaccineWeeksBeforeCourse.value;
  const strokeDays = program.triage.stroke.value.withinDays;
  const strokeSigns = listJoin(strokeSignWords(program.infusionDay.strokeSigns.value), 'or');
  const herpes = program.prophylaxis.herpes.value;
  const herpesMonths = count(herpes.minMonthsAfterLastInfusion, 'month');
  const steroid = program.premedication.steroid?.value;
  if (steroid === undefined) {
    throw new Error(`Program ${program.version}: the assessment asks about PRE-1, which the program lacks`);
  }
  const steroidDays = listJoin(steroid.courseDays.map(String));
  const itpSigns = listJoin(
    ITP_QUESTIONNAIRE_KEYS.map((k) => ITP_SIGN_WORDS[k]),
    'or',
  );

  const questions: AssessmentQuestion[] = [
    {
      id: 'monitoring-duration',
      rule: 'MON-1',
      stem: 'How long do the monthly blood and urine tests continue after treatment?',
      options: [
        'Until 12 months after the last infusion',
        'Until 24 months after the last infusion',
        `Until ${months} months after the last infusion`,
        'Only until the second course has been given',
      ],
      correct: 2,
      explanation: `ITP, thyroid disease and anti-GBM disease can appear years after a course, so a CBC with differential, serum creatinine and a urinalysis are done every month until ${months} months after the last infusion (MON-1). Each new course moves that date.`,
    },
    {
      id: 'itp-signs',
      rule: 'ALR-ITPQ',
      stem: 'Which report from a treated patient needs a CBC within 24 hours to look for immune thrombocytopenia (ITP)?',
      options: [
        `Any of: ${itpSigns}`,
        'A mild headache on the day of an infusion',
        'Flushing during the infusion that settles when the rate is slowed',
        'Tiredness in the week after the course',
      ],
      correct: 0,
      explanation: `These bleeding signs can be the first sign of ITP, which can be serious or fatal if found late; the ITP questionnaire asks about each of them and any one raises an urgent alert (ALR-ITPQ). The other reports are common infusion effects.`,
    },
    {
      id: 'observation',
      rule: 'INF-4',
      stem: 'How long must the patient be observed after each infusion before leaving the setting?',
      options: [
        '30 minutes',
        `At least ${observation}`,
        '6 hours',
        'Not at all if the vital signs during the infusion were normal',
      ],
      correct: 1,
      explanation: `Observe for at least ${observation} after every infusion (INF-4). Serious reactions can still begin after that, so the patient is told what to report (INF-6).`,
    },
    {
      id: 'live-vaccines',
      rule: 'VAC-1',
      stem: 'A patient needs a live vaccine before a course. What is the shortest allowed gap between the vaccination and the first infusion of the course?',
      options: ['No gap is needed', '1 week', '2 weeks', count(vaccineWeeks, 'week')],
      correct: 3,
      explanation: `Any live vaccine must be given at least ${count(vaccineWeeks, 'week')} before the course starts (VAC-1); after treatment, live vaccines are avoided (ALR-VAC).`,
    },
    {
      id: 'stroke-signs',
      rule: 'INF-5',
      stem: 'What is the patient told at every infusion about stroke and cervicocephalic arterial dissection?',
      options: [
        `Most events occur within 1 to ${count(strokeDays, 'day')} of an infusion; ${strokeSigns} means calling emergency services at once`,
        'These events happen only during the infusion, so the nurse watches for them',
        'These events happen months later, so symptoms can wait for the next monitoring visit',
        `Most events occur within 1 to ${count(strokeDays, 'day')}, but the patient should first wait to see whether the symptoms pass`,
      ],
      correct: 0,
      explanation: `Strokes and arterial dissections have occurred mostly within 1 to ${count(strokeDays, 'day')} of an infusion (INF-5). Time matters: the patient calls emergency services at the first sign, and a report within that period raises a critical alert (ALR-STR).`,
    },
    {
      id: 'herpes-prophylaxis',
      rule: 'PRE-3',
      stem: 'From day 1 of a course, how long does antiviral herpes prophylaxis continue?',
      options: [
        'Only on the infusion days',
        `For ${herpesMonths} after the last infusion, whatever the CD4+ count`,
        `Until the later of ${herpesMonths} after the last infusion and a CD4+ count of at least ${herpes.cd4Threshold} cells/µL`,
        `Until the CD4+ count reaches ${herpes.cd4Threshold} cells/µL, even if that is sooner than ${herpesMonths}`,
      ],
      correct: 2,
      explanation: `Prophylaxis runs until both conditions hold: ${herpesMonths} after the course's last infusion and a CD4+ count of at least ${herpes.cd4Threshold} cells/µL (PRE-3). Until such a count is on record it continues.`,
    },
    {
      id: 'hiv-contraindication',
      rule: 'CI-2',
      stem: 'Which of these is a contraindication to alemtuzumab?',
      options: [
        'An inadequate response to other MS therapies',
        'HIV infection',
        'Previous treatment with interferon beta',
        'Relapsing-remitting multiple sclerosis',
      ],
      correct: 1,
      explanation: `HIV infection is a contraindication (CI-2): alemtuzumab causes long-lasting lymphocyte depletion and would deepen the immunodeficiency. An inadequate response to other MS therapies is the usual reason to choose alemtuzumab (IND-2).`,
    },
    {
      id: 'steroid-premedication',
      rule: 'PRE-1',
      stem: `On which days of a course is ${steroid.drug} ${steroid.doseMg} mg ${steroid.route} given immediately before the infusion?`,
      options: [
        'Only on day 1 of the first course',
        'Only after an infusion reaction on the day before',
        'On no day: premedication is optional',
        `On days ${steroidDays} of every course`,
      ],
      correct: 3,
      explanation: `${capitalize(steroid.drug)} ${steroid.doseMg} mg ${steroid.route} is given right before the infusion on days ${steroidDays} of every course to reduce infusion reactions (PRE-1); an antihistamine or antipyretic may be added (PRE-2).`,
    },
  ];
  for (const q of questions) {
    // A program value equal to a distractor would give two identical options: a content defect.
    if (new Set(q.options).size !== q.options.length) {
      throw new Error(`Program ${program.version}: assessment question ${q.id} has two identical options`);
    }
  }
  return questions;
}

function passMark(program: ProgramDefinition, questionCount: number): number {
  const mark = program.rems.assessmentPassMark.value;
  if (!Number.isInteger(mark) || mark < 1 || mark > questionCount) {
    throw new Error(`Program ${program.version}: rems.assessmentPassMark must be 1..${questionCount}`);
  }
  return mark;
}

/** The assessment as the client sees it before submitting. */
export function publicAssessment(program: ProgramDefinition): PublicAssessment {
  const questions = assessmentQuestions(program);
  return {
    programVersion: program.version,
    passMark: passMark(program, questions.length),
    questions: questions.map(({ id, rule, stem, options }) => ({
      id,
      rule,
      stem,
      options: [...options] as const,
    })),
  };
}

/**
 * Scores one submission: `answers[i]` is the chosen option index (0–3) for question i in
 * publicAssessment order. Passed only at the program's pass mark (all 8 by default). A malformed
 * submission (wrong count, an index that is not an option) is refused, naming the first fault.
 */
export function scoreAssessment(program: ProgramDefinition, answers: readonly number[]): AssessmentScore {
  const questions = assessmentQuestions(program);
  if (answers.length !== questions.length) {
    throw new ProtocolInputError(
      'answers',
      `Expected ${questions.length} answers, one per question; got ${answers.length}.`,
    );
  }
  const results = questions.map((q, i): QuestionResult => {
    const answer = answers[i];
    if (answer === undefined || !Number.isInteger(answer) || answer < 0 || answer >= q.options.length) {
      throw new ProtocolInputError(
        `answers[${i}]`,
        `Answer to question ${i + 1} must be an option index from 0 to ${q.options.length - 1}.`,
      );
    }
    return {
      id: q.id,
      rule: q.rule,
      answer,
      correct: q.correct,
      outcome: answer === q.correct ? 'correct' : 'incorrect',
      explanation: q.explanation,
    };
  });
  const score = results.filter((r) => r.outcome === 'correct').length;
  const mark = passMark(program, questions.length);
  return {
    kind: score >= mark ? 'passed' : 'failed',
    programVersion: program.version,
    score,
    questionCount: questions.length,
    passMark: mark,
    questions: results,
  };
}
