import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { campathUs } from '../protocol/programs/campath-us.js';
import { lemtradaEu } from '../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import { assessmentQuestions, publicAssessment, scoreAssessment } from './assessment.js';

const QUESTIONS = assessmentQuestions(lemtradaUs);
const RIGHT = QUESTIONS.map((q) => q.correct);
const wrong = (i: number) => RIGHT.map((c, j) => (j === i ? (c + 1) % 4 : c));

describe('REMS-ASSESSMENT the question bank', () => {
  it('has 8 questions, each with 4 distinct options, a correct index, an explanation and a rule', () => {
    expect(QUESTIONS).toHaveLength(8);
    for (const q of QUESTIONS) {
      expect(new Set(q.options).size).toBe(4);
      expect(q.correct).toBeGreaterThanOrEqual(0);
      expect(q.correct).toBeLessThan(4);
      expect(q.explanation.length).toBeGreaterThan(40);
      expect(lemtradaUs.rules[q.rule]).toBeDefined();
      expect(q.explanation).toContain(q.rule);
    }
  });

  it('tests the rules the REMS asks about, one question each', () => {
    expect(QUESTIONS.map((q) => q.rule)).toEqual([
      'MON-1',
      'ALR-ITPQ',
      'INF-4',
      'VAC-1',
      'INF-5',
      'PRE-3',
      'CI-2',
      'PRE-1',
    ]);
  });

  it('does not put every answer in the same place', () => {
    expect(new Set(RIGHT).size).toBe(4);
  });

  it.each([
    ['MON-1', '48 months'],
    ['INF-4', '2 hours'],
    ['VAC-1', '6 weeks'],
    ['INF-5', '3 days'],
    ['PRE-3', '200 cells/µL'],
    ['PRE-1', 'days 1, 2 and 3'],
  ])('%s: the correct option says %s', (rule, text) => {
    const q = QUESTIONS.find((x) => x.rule === rule);
    expect(q?.options[q.correct]).toContain(text);
  });

  it('takes its numbers from the program: a site value changes the question', () => {
    const site: ProgramDefinition = {
      ...lemtradaUs,
      infusionDay: {
        ...lemtradaUs.infusionDay,
        observationMinutes: { ...lemtradaUs.infusionDay.observationMinutes, value: 180 },
      },
    };
    const q = assessmentQuestions(site).find((x) => x.rule === 'INF-4');
    expect(q?.options[q.correct]).toBe('At least 3 hours');
  });

  it('refuses a program value that equals a distractor (two identical options)', () => {
    const site: ProgramDefinition = {
      ...lemtradaUs,
      monitoring: {
        ...lemtradaUs.monitoring,
        monthsAfterLastInfusion: { ...lemtradaUs.monitoring.monthsAfterLastInfusion, value: 24 },
      },
    };
    expect(() => assessmentQuestions(site)).toThrow(/two identical options/);
  });

  it('serves the EU program and refuses Campath (no prescriber assessment there)', () => {
    expect(assessmentQuestions(lemtradaEu)).toHaveLength(8);
    expect(() => assessmentQuestions(campathUs)).toThrow(ProtocolInputError);
  });
});

describe('REMS-ASSESSMENT the public form', () => {
  const form = publicAssessment(lemtradaUs);

  it('holds the stems and options but no answers and no explanations', () => {
    expect(form.questions).toHaveLength(8);
    const json = JSON.stringify(form);
    expect(json).not.toMatch(/"correct"|"explanation"/);
    for (const q of QUESTIONS) {
      expect(json).not.toContain(q.explanation);
    }
    for (const q of form.questions) {
      expect(Object.keys(q).sort()).toEqual(['id', 'options', 'rule', 'stem']);
    }
  });

  it('states the pass mark from the program', () => {
    expect(form).toMatchObject({ passMark: 8, programVersion: 'lemtrada-us-2024-03' });
  });
});

describe('REMS-ASSESSMENT scoring', () => {
  it('8/8 passes', () => {
    const score = scoreAssessment(lemtradaUs, RIGHT);
    expect(score).toMatchObject({ kind: 'passed', score: 8, questionCount: 8, passMark: 8 });
    expect(score.questions.every((q) => q.outcome === 'correct')).toBe(true);
  });

  it.each(QUESTIONS.map((q, i) => [q.rule, i] as const))('7/8 fails (wrong on %s)', (_rule, i) => {
    const score = scoreAssessment(lemtradaUs, wrong(i));
    expect(score).toMatchObject({ kind: 'failed', score: 7 });
    expect(score.questions.filter((q) => q.outcome === 'incorrect').map((q) => q.id)).toEqual([
      QUESTIONS[i]?.id,
    ]);
  });

  it('reveals, after submission, the correct answer and the explanation of every question', () => {
    const score = scoreAssessment(lemtradaUs, [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(score.kind).toBe('failed');
    expect(score.questions.map((q) => q.correct)).toEqual(RIGHT);
    expect(score.questions.map((q) => q.explanation)).toEqual(QUESTIONS.map((q) => q.explanation));
    expect(score.questions.map((q) => q.answer)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('follows a site pass mark', () => {
    const site: ProgramDefinition = {
      ...lemtradaUs,
      rems: { ...lemtradaUs.rems, assessmentPassMark: { ...lemtradaUs.rems.assessmentPassMark, value: 7 } },
    };
    expect(scoreAssessment(site, wrong(0)).kind).toBe('passed');
    expect(
      scoreAssessment(
        site,
        wrong(0).map((c, j) => (j === 1 ? (c + 1) % 4 : c)),
      ).kind,
    ).toBe('failed');
  });

  it.each([
    ['too few answers', RIGHT.slice(0, 7), 'answers'],
    ['too many answers', [...RIGHT, 0], 'answers'],
    ['no answers', [], 'answers'],
    ['an index past the options', [...RIGHT.slice(0, 7), 4], 'answers[7]'],
    ['a negative index', [-1, ...RIGHT.slice(1)], 'answers[0]'],
    ['a fractional index', [...RIGHT.slice(0, 3), 1.5, ...RIGHT.slice(4)], 'answers[3]'],
  ])('refuses %s', (_name, answers, path) => {
    let error: unknown;
    try {
      scoreAssessment(lemtradaUs, answers);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolInputError);
    expect(error instanceof ProtocolInputError && error.path).toBe(path);
  });
});
