import { describe, expect, it } from 'vitest';
import type { QuestionnaireEvent, SymptomReportEvent } from '../timeline.js';
import { STROKE_SIGNS } from '../timeline.js';
import { COURSE_1, alertsFor, severityOf } from './test-fixtures.js';

const questionnaire = (answers: QuestionnaireEvent['answers'], id?: string): QuestionnaireEvent => ({
  type: 'questionnaire',
  date: '2025-02-20',
  kind: 'itp-questionnaire',
  answers,
  ...(id === undefined ? {} : { id }),
});

const report = (date: string, symptoms: string[]): SymptomReportEvent => ({
  type: 'symptom-report',
  date,
  symptoms,
});

describe('ALR-ITPQ ITP symptoms on the questionnaire', () => {
  it.each([
    [{}, null],
    [{ petechiae: false, easyBruising: false }, null],
    [{ petechiae: false, easyBruising: true }, 'urgent'],
    [{ coughingBlood: true }, 'urgent'],
  ])('answers %o → %s', (answers, severity) => {
    expect(severityOf('ALR-ITPQ', [questionnaire(answers)])).toBe(severity);
  });

  it('names the answers in the evidence and the message', () => {
    const [alert] = alertsFor('ALR-ITPQ', [
      questionnaire({ nosebleed: true, petechiae: true, easyBruising: false }, 'q-1'),
    ]);
    expect(alert).toMatchObject({ code: 'itp-symptoms', action: 'CBC within 24 hours.' });
    expect(alert?.evidence).toEqual([
      {
        type: 'questionnaire',
        date: '2025-02-20',
        id: 'q-1',
        test: 'itp-questionnaire',
        detail: 'petechiae, nosebleed',
      },
    ]);
    expect(alert?.message).toContain('Answered yes: petechiae, nosebleed.');
  });
});

describe('ALR-STR stroke or arterial dissection signs', () => {
  // Course 1 ends with the infusion of 2025-01-10.
  it.each([
    ['2025-01-10', 'critical'],
    ['2025-01-13', 'critical'],
    ['2025-01-14', 'urgent'],
    ['2025-06-01', 'urgent'],
  ])('a sign reported on %s → %s', (date, severity) => {
    expect(severityOf('ALR-STR', [report(date, ['sudden-numbness'])])).toBe(severity);
  });

  it('counts from the most recent infusion on or before the report', () => {
    const course = { ...COURSE_1, infusions: ['2025-01-06', '2025-01-07', '2025-01-20'] };
    expect(
      severityOf('ALR-STR', [report('2025-01-10', ['neck-pain'])], { context: { courses: [course] } }),
    ).toBe('critical');
    expect(
      severityOf('ALR-STR', [report('2025-01-11', ['neck-pain'])], { context: { courses: [course] } }),
    ).toBe('urgent');
  });

  it('is urgent when no infusion precedes the report', () => {
    expect(severityOf('ALR-STR', [report('2025-01-05', ['vision-loss'])])).toBe('urgent');
    expect(severityOf('ALR-STR', [report('2025-01-05', ['vision-loss'])], { context: { courses: [] } })).toBe(
      'urgent',
    );
  });

  it.each(STROKE_SIGNS.map((s) => [s]))('raises for the sign %s', (sign) => {
    expect(severityOf('ALR-STR', [report('2025-01-12', [sign])])).toBe('critical');
  });

  it('ignores symptom strings that are not signs, without failing', () => {
    expect(
      alertsFor('ALR-STR', [report('2025-01-12', ['headache', '', 'SUDDEN-NUMBNESS', '__proto__'])]),
    ).toEqual([]);
    const [alert] = alertsFor('ALR-STR', [
      report('2025-01-12', ['fatigue', 'trouble-speaking', 'trouble-speaking']),
    ]);
    expect(alert?.evidence[0]).toMatchObject({ type: 'symptom-report', detail: 'trouble-speaking' });
    expect(alert?.evidence[1]).toMatchObject({ type: 'infusion', date: '2025-01-10' });
    expect(alert?.message).toContain(
      'trouble-speaking reported 2 days after the infusion of 2025-01-10 (within 3 days)',
    );
  });
});
