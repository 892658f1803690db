// A patient's own schedule from their verdict (GET /patients/:id/state): the next blood and urine
// tests, the next ITP questionnaire, the next exam and the next course. An occurrence still open
// (overdue, due or upcoming) counts; the earliest due date of each kind is the "next" one.
import { EXAMS } from '../../../src/protocol/timeline.js';
import type { Verdict } from '../api/api.js';

/** The monitoring test the ITP questionnaire is scheduled as (protocol.md MON-6). */
export const QUESTIONNAIRE_TEST = 'itp-questionnaire';

export type Occurrence = Verdict['monitoring'][number];

export interface MySchedule {
  labs: Occurrence[];
  questionnaire: Occurrence | null;
  exams: Occurrence[];
  nextCourse: Verdict['nextCourse'];
  monitoringEndsOn: string | null;
}

const OPEN = new Set(['overdue', 'due', 'upcoming']);
const isExam = (test: string) => (EXAMS as readonly string[]).includes(test);

function earliestDate(list: readonly Occurrence[]): Occurrence[] {
  const first = list[0]?.dueOn;
  return first === undefined ? [] : list.filter((o) => o.dueOn === first);
}

export function mySchedule(verdict: Verdict): MySchedule {
  const open = verdict.monitoring
    .filter((o) => OPEN.has(o.status))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.test.localeCompare(b.test));
  return {
    labs: earliestDate(open.filter((o) => o.test !== QUESTIONNAIRE_TEST && !isExam(o.test))),
    questionnaire: open.find((o) => o.test === QUESTIONNAIRE_TEST) ?? null,
    exams: earliestDate(open.filter((o) => isExam(o.test))),
    nextCourse: verdict.nextCourse,
    monitoringEndsOn: verdict.monitoringEndsOn,
  };
}
