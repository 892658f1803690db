import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from '../protocol/errors.js';
import { lemtradaEu } from '../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import { campathUs } from '../protocol/programs/campath-us.js';
import type { Analyte, IsoDate, PatientFacts, TimelineEvent } from '../protocol/timeline.js';
import type { CourseAuthorizationFacts } from './authorization.js';
import { decideCourseAuthorization, etasuFor } from './authorization.js';
import type { EtasuRequirementId, EtasuStatus } from './etasu.js';

const UNITS: Partial<Record<Analyte, string>> = {
  platelets: '10*9/L',
  creatinine: 'mg/dL',
  'urine-rbc': '/[HPF]',
  upcr: 'mg/g',
  tsh: 'm[IU]/L',
  alt: 'U/L',
};
const lab = (analyte: Analyte, date: IsoDate, value = 1): TimelineEvent => ({
  type: 'lab',
  date,
  analyte,
  value,
  unit: UNITS[analyte] ?? '',
});

/** Every pre-treatment requirement of course 1 for a man (BASE-1..BASE-8), dated `on`. */
const course1Baseline = (on: IsoDate): TimelineEvent[] => [
  lab('platelets', on, 250),
  lab('creatinine', on, 0.8),
  lab('urine-rbc', on, 0),
  lab('upcr', on, 50),
  lab('tsh', on, 2),
  lab('alt', on, 20),
  { type: 'exam', date: on, exam: 'skin-exam' },
  { type: 'screening', date: on, test: 'tb', result: 'negative' },
  { type: 'screening', date: on, test: 'hiv', result: 'negative' },
  { type: 'screening', date: on, test: 'hbv', result: 'negative' },
  { type: 'screening', date: on, test: 'hcv', result: 'negative' },
  { type: 'screening', date: on, test: 'vzv-antibody', result: 'positive' },
  { type: 'education', date: on, material: 'patient-guide' },
  { type: 'education', date: on, material: 'wallet-card' },
];

/** BASE-1 and BASE-3, the requirements repeated before every course. */
const everyCourseBaseline = (on: IsoDate): TimelineEvent[] => [
  lab('platelets', on, 250),
  lab('creatinine', on, 0.8),
  lab('urine-rbc', on, 0),
  lab('tsh', on, 2),
  lab('alt', on, 20),
];

const infusions = (...dates: IsoDate[]): TimelineEvent[] =>
  dates.map((date) => ({ type: 'infusion', date, doseMg: 12 }));

const COURSE_1_DAYS = ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14'];

const patient: PatientFacts = {
  birthDate: '1985-06-01',
  sex: 'male',
  diagnosis: 'RRMS',
  priorDmtFailures: 2,
  conditions: [],
  unknown: [],
};

const COURSE_1: CourseAuthorizationFacts = {
  prescriberCertification: 'certified',
  patientStatus: 'enrolled',
  patient,
  events: course1Baseline('2026-02-20'),
  course: 1,
  plannedStart: '2026-03-10',
  settingCertification: 'certified',
  asOf: '2026-03-01',
};

const COURSE_2: CourseAuthorizationFacts = {
  ...COURSE_1,
  patientStatus: 'in-monitoring',
  events: [
    ...course1Baseline('2026-02-20'),
    ...infusions(...COURSE_1_DAYS),
    ...everyCourseBaseline('2027-03-01'),
  ],
  course: 2,
  plannedStart: '2027-03-15',
  asOf: '2027-03-05',
};

const statusOf = (facts: CourseAuthorizationFacts, id: EtasuRequirementId): EtasuStatus | undefined =>
  decideCourseAuthorization(lemtradaUs, facts).etasu.requirements.find((r) => r.id === id)?.status;

describe('REMS-AUTHORIZATION course authorization: happy path', () => {
  it('authorizes course 1: five infusions, five vials, valid 30 days after the planned start', () => {
    const decision = decideCourseAuthorization(lemtradaUs, COURSE_1);
    expect(decision).toMatchObject({
      kind: 'authorized',
      course: 1,
      plannedStart: '2026-03-10',
      plannedInfusions: 5,
      vials: 5,
      expiresOn: '2026-04-09',
    });
    expect(decision.etasu.overall).toBe('success');
    expect(decision.etasu.requirements.map((r) => r.id)).toEqual([
      'prescriber-certified',
      'patient-enrolled',
      'patient-eligible',
      'baseline-tests',
      'setting-certified',
    ]);
    expect(decision.etasu.caseNumber).toBeNull();
  });

  it('records the evidence: protocol version, the rules, the records and the facts consulted', () => {
    const { evidence } = decideCourseAuthorization(lemtradaUs, COURSE_1);
    expect(evidence.protocolVersion).toBe('lemtrada-us-2024-03');
    expect(evidence.rules).toEqual(
      expect.arrayContaining(['REMS-AUTHORIZATION', 'BASE-1', 'DOSE-2', 'INF-1']),
    );
    expect(evidence.records).toContainEqual(expect.objectContaining({ type: 'lab', analyte: 'platelets' }));
    expect(evidence.facts).toEqual({
      prescriberCertification: 'certified',
      patientStatus: 'enrolled',
      settingCertification: 'certified',
      course: 1,
      plannedStart: '2026-03-10',
    });
  });

  it('authorizes course 2 twelve months later: three infusions', () => {
    expect(decideCourseAuthorization(lemtradaUs, COURSE_2)).toMatchObject({
      kind: 'authorized',
      course: 2,
      plannedInfusions: 3,
      vials: 3,
      expiresOn: '2027-04-14',
    });
  });

  it('carries eligibility warnings without blocking (IND-2)', () => {
    const decision = decideCourseAuthorization(lemtradaUs, {
      ...COURSE_1,
      patient: { ...patient, priorDmtFailures: 1 },
    });
    expect(decision.kind).toBe('authorized');
    expect(decision.kind === 'authorized' && decision.warnings.map((w) => w.rule)).toEqual(['IND-2']);
  });

  it('takes the validity from the program (a site changing authorizationValidDays)', () => {
    const site = {
      ...lemtradaUs,
      rems: {
        ...lemtradaUs.rems,
        authorizationValidDays: { ...lemtradaUs.rems.authorizationValidDays, value: 14 },
      },
    };
    expect(decideCourseAuthorization(site, COURSE_1)).toMatchObject({ expiresOn: '2026-03-24' });
  });
});

describe('REMS-AUTHORIZATION course authorization: each denial', () => {
  it.each([
    ['prescriber suspended', { prescriberCertification: 'suspended' }, 'prescriber-certified', 'failure'],
    ['prescriber only trained', { prescriberCertification: 'trained' }, 'prescriber-certified', 'failure'],
    ['prescriber status unknown', { prescriberCertification: null }, 'prescriber-certified', 'data-required'],
    ['patient discontinued', { patientStatus: 'discontinued' }, 'patient-enrolled', 'failure'],
    ['patient already authorized', { patientStatus: 'authorized' }, 'patient-enrolled', 'failure'],
    ['enrollment unknown', { patientStatus: null }, 'patient-enrolled', 'data-required'],
    ['setting not yet certified', { settingCertification: 'applied' }, 'setting-certified', 'failure'],
    ['setting revoked', { settingCertification: 'revoked' }, 'setting-certified', 'failure'],
    ['setting unknown', { settingCertification: null }, 'setting-certified', 'data-required'],
  ] as const)('%s', (_name, change, id, status) => {
    const facts = { ...COURSE_1, ...change };
    const decision = decideCourseAuthorization(lemtradaUs, facts);
    expect(decision.kind).toBe('denied');
    expect(decision.etasu.overall).toBe(status);
    expect(decision.etasu.requirements.filter((r) => r.status !== 'success').map((r) => r.id)).toEqual([id]);
    expect(statusOf(facts, id)).toBe(status);
  });

  it('unknown is never "no": an unknown fact is data-required, not success', () => {
    const decision = decideCourseAuthorization(lemtradaUs, {
      ...COURSE_1,
      patient: { ...patient, unknown: ['active-infection'] },
    });
    expect(decision.kind).toBe('denied');
    expect(decision.etasu.requirements.find((r) => r.id === 'patient-eligible')).toMatchObject({
      status: 'data-required',
      missing: ['CI-3:active-infection'],
    });
  });

  it('ineligible is failure (CI-2 HIV infection)', () => {
    const facts = { ...COURSE_1, patient: { ...patient, conditions: ['hiv' as const] } };
    const requirement = decideCourseAuthorization(lemtradaUs, facts).etasu.requirements.find(
      (r) => r.id === 'patient-eligible',
    );
    expect(requirement).toMatchObject({ status: 'failure', rules: ['CI-2'] });
  });
});

describe('BASE-1 baseline labs within 30 days before the course', () => {
  it('a missing CBC is data-required, named by rule and item', () => {
    const facts = {
      ...COURSE_1,
      events: COURSE_1.events.filter((e) => !(e.type === 'lab' && e.analyte === 'platelets')),
    };
    const decision = decideCourseAuthorization(lemtradaUs, facts);
    expect(decision.kind).toBe('denied');
    expect(decision.etasu.requirements.find((r) => r.id === 'baseline-tests')).toMatchObject({
      status: 'data-required',
      missing: ['BASE-1:cbc-diff'],
    });
    expect(statusOf(facts, 'patient-eligible')).toBe('success');
  });

  it.each([
    ['30 days before the planned start', '2026-02-08', 'success'],
    ['31 days before the planned start', '2026-02-07', 'data-required'],
  ] as const)('labs drawn %s → %s', (_name, drawn, status) => {
    const events = [
      ...course1Baseline('2026-02-20').filter((e) => e.type !== 'lab'),
      ...course1Baseline(drawn).filter((e) => e.type === 'lab'),
    ];
    expect(statusOf({ ...COURSE_1, events }, 'baseline-tests')).toBe(status);
  });

  it('a positive TB screen is a baseline failure (BASE-5)', () => {
    const events = COURSE_1.events.map((e) =>
      e.type === 'screening' && e.test === 'tb' ? { ...e, result: 'positive' as const } : e,
    );
    const requirement = decideCourseAuthorization(lemtradaUs, {
      ...COURSE_1,
      events,
    }).etasu.requirements.find((r) => r.id === 'baseline-tests');
    expect(requirement).toMatchObject({ status: 'failure', rules: ['BASE-5'] });
  });
});

describe('DOSE-2 DOSE-3 course number and earliest start', () => {
  it('refuses a course number that is not the next course', () => {
    const decision = decideCourseAuthorization(lemtradaUs, { ...COURSE_1, course: 2 });
    expect(decision.kind).toBe('denied');
    const req = decision.etasu.requirements.find((r) => r.id === 'patient-eligible');
    expect(req?.status).toBe('failure');
    expect(req?.rules).toContain('DOSE-2');
    expect(req?.detail).toContain('the next course is course 1');
  });

  it.each([
    ['one day before 12 months after the last infusion', '2027-03-13', 'failure'],
    ['exactly 12 months after the last infusion', '2027-03-14', 'success'],
  ] as const)('course 2 planned %s → %s', (_name, plannedStart, status) => {
    const facts = { ...COURSE_2, plannedStart, asOf: '2027-03-05' };
    expect(statusOf(facts, 'patient-eligible')).toBe(status);
    if (status === 'failure') {
      const req = decideCourseAuthorization(lemtradaUs, facts).etasu.requirements.find(
        (r) => r.id === 'patient-eligible',
      );
      expect(req?.rules).toContain('DOSE-3');
      expect(req?.detail).toContain('2027-03-14');
    }
  });

  it('refuses a new authorization while a course is in progress', () => {
    const facts: CourseAuthorizationFacts = {
      ...COURSE_1,
      patientStatus: 'in-monitoring',
      events: [...COURSE_1.events, ...infusions('2026-03-10', '2026-03-11')],
      course: 2,
      plannedStart: '2026-03-13',
      asOf: '2026-03-12',
    };
    const req = decideCourseAuthorization(lemtradaUs, facts).etasu.requirements.find(
      (r) => r.id === 'patient-eligible',
    );
    expect(req).toMatchObject({ status: 'failure' });
    expect(req?.detail).toContain('Course 1 is in progress');
  });

  it('Campath has no fixed courses to authorize', () => {
    const facts = { ...COURSE_1, patient: { ...patient, diagnosis: 'B-CLL' as const, priorDmtFailures: 0 } };
    expect(decideCourseAuthorization(campathUs, facts).kind).toBe('denied');
  });
});

describe('DOSE-4 later courses and the EU cap', () => {
  const fourCourses = [
    ...COURSE_1_DAYS,
    '2027-03-15',
    '2027-03-16',
    '2027-03-17',
    '2028-03-20',
    '2028-03-21',
    '2028-03-22',
    '2029-03-26',
    '2029-03-27',
    '2029-03-28',
  ];
  const fifth: CourseAuthorizationFacts = {
    ...COURSE_1,
    patient: { ...patient, conditions: ['highly-active'], priorDmtFailures: 2 },
    patientStatus: 'in-monitoring',
    events: [
      ...course1Baseline('2026-02-20'),
      ...infusions(...fourCourses),
      ...everyCourseBaseline('2030-03-25'),
    ],
    course: 5,
    plannedStart: '2030-04-01',
    asOf: '2030-03-28',
  };

  it('US: a fifth course is allowed 12 months after the fourth', () => {
    expect(decideCourseAuthorization(lemtradaUs, fifth)).toMatchObject({
      kind: 'authorized',
      course: 5,
      plannedInfusions: 3,
    });
  });

  it('EU: at most 4 courses in all', () => {
    const decision = decideCourseAuthorization(lemtradaEu, fifth);
    expect(decision.kind).toBe('denied');
    const req = decision.etasu.requirements.find((r) => r.id === 'patient-eligible');
    expect(req).toMatchObject({ status: 'failure', rules: ['DOSE-4'] });
    expect(req?.detail).toContain('At most 4 courses');
  });

  it('course 3 planned before 12 months after course 2 is a DOSE-4 failure', () => {
    const third: CourseAuthorizationFacts = {
      ...fifth,
      events: [
        ...course1Baseline('2026-02-20'),
        ...infusions(...fourCourses.slice(0, 8)),
        ...everyCourseBaseline('2028-03-10'),
      ],
      course: 3,
      plannedStart: '2028-03-16',
      asOf: '2028-03-12',
    };
    const req = decideCourseAuthorization(lemtradaUs, third).etasu.requirements.find(
      (r) => r.id === 'patient-eligible',
    );
    expect(req).toMatchObject({ status: 'failure', rules: ['DOSE-4'] });
  });
});

describe('REMS-AUTHORIZATION every unmet requirement at once', () => {
  it('lists all five, never just the first', () => {
    const decision = decideCourseAuthorization(lemtradaUs, {
      ...COURSE_1,
      prescriberCertification: 'suspended',
      patientStatus: 'completed',
      patient: { ...patient, conditions: ['hiv'] },
      events: [],
      settingCertification: null,
    });
    expect(decision.kind).toBe('denied');
    expect(decision.etasu.overall).toBe('failure');
    expect(decision.etasu.requirements.map((r) => [r.id, r.status])).toEqual([
      ['prescriber-certified', 'failure'],
      ['patient-enrolled', 'failure'],
      ['patient-eligible', 'failure'],
      ['baseline-tests', 'data-required'],
      ['setting-certified', 'data-required'],
    ]);
    const baseline = decision.etasu.requirements.find((r) => r.id === 'baseline-tests');
    expect(baseline?.missing).toEqual(
      expect.arrayContaining(['BASE-1:cbc-diff', 'BASE-5:hiv', 'BASE-8:wallet-card']),
    );
  });

  it.each([
    ['a planned start before asOf', { plannedStart: '2026-02-28' }, 'plannedStart'],
    ['a malformed planned start', { plannedStart: '2026-02-30' }, 'plannedStart'],
    ['course 0', { course: 0 }, 'course'],
    ['a malformed asOf', { asOf: '01/03/2026' }, 'asOf'],
  ])('refuses %s as input', (_name, change, path) => {
    expect(() => decideCourseAuthorization(lemtradaUs, { ...COURSE_1, ...change })).toThrow(
      ProtocolInputError,
    );
    try {
      decideCourseAuthorization(lemtradaUs, { ...COURSE_1, ...change });
    } catch (e) {
      expect(e instanceof ProtocolInputError && e.path).toBe(path);
    }
  });
});

describe('REMS-AUTHORIZATION etasuFor ($rems-etasu, CDS Hooks)', () => {
  const running: CourseAuthorizationFacts = {
    ...COURSE_1,
    patientStatus: 'authorized',
    events: [...COURSE_1.events, ...infusions('2026-03-10', '2026-03-11')],
    asOf: '2026-03-11',
  };
  const active = { number: 'A-0001', course: 1, status: 'active' as const, expiresOn: '2026-04-09' };

  it('judges a running, authorized course as current: success with the case number', () => {
    const result = etasuFor(lemtradaUs, { ...running, authorization: active });
    expect(result.overall).toBe('success');
    expect(result.caseNumber).toBe('A-0001');
    expect(result.requirements.at(-1)).toMatchObject({ id: 'course-authorized', status: 'success' });
  });

  it('without an authorization field it leaves course-authorized out', () => {
    const result = etasuFor(lemtradaUs, COURSE_1);
    expect(result.requirements.map((r) => r.id)).not.toContain('course-authorized');
    expect(result.overall).toBe('success');
  });

  it.each([
    ['none issued', null, 'No authorization'],
    ['expired by date (the day after expiresOn)', { ...active, expiresOn: '2026-03-10' }, 'expired'],
    ['revoked', { ...active, status: 'revoked' as const }, 'revoked'],
    ['for another course', { ...active, course: 2 }, 'course 2'],
  ])('course-authorized fails when %s', (_name, authorization, text) => {
    const result = etasuFor(lemtradaUs, { ...running, authorization });
    const req = result.requirements.find((r) => r.id === 'course-authorized');
    expect(req?.status).toBe('failure');
    expect(req?.detail).toContain(text);
    expect(result.overall).toBe('failure');
  });

  it('is valid on its expiry date itself (inclusive)', () => {
    const result = etasuFor(lemtradaUs, {
      ...running,
      authorization: { ...active, expiresOn: '2026-03-11' },
    });
    expect(result.requirements.find((r) => r.id === 'course-authorized')?.status).toBe('success');
  });
});
