// One synthetic patient for `vigil synth` (synth.ts): the records a real patient of the program
// accumulates, drawn from a seeded PRNG so the same (seed, index) always gives the same records,
// whatever the batch size. Nothing here reads the clock, Math.random or the database.
//
// What is modelled (shares are per patient unless said otherwise; figures are synthetic, chosen
// to look like the label's and the literature's orders of magnitude, not to reproduce them):
// - 97% Lemtrada (US program), 3% Campath (B-CLL, dose escalation then three doses a week).
// - Lemtrada: course 1 (5 × 12 mg) started 1 week to ~5 years before asOf; course 2 (3 × 12 mg)
//   at least 12 months after course 1 for 80% of those eligible by date (DOSE-3); course 3 for 15%.
//   Before each course the baseline workup within 30 days (BASE-1..BASE-9).
// - Monitoring (MON-1..MON-6): monthly CBC (platelets, neutrophils), creatinine, urinalysis
//   (urine RBC) and liver (ALT), TSH every 3 months, a skin exam (and HPV screening for women)
//   yearly, the ITP questionnaire monthly. 86% of patients attend ~99% of draws, 10% ~85%,
//   4% are lost to follow-up at a random month (their later occurrences go overdue).
// - Abnormal results: ITP in ~2.5% of patients (platelets 15–120 for 1–3 draws, with a positive
//   questionnaire); ~1% of draws mildly low (130–149); thyroid disease (TSH < 0.4 or > 4.0 from
//   a random month on) in ~35% of patients followed for years; occasional neutropenia, hematuria,
//   raised ALT or creatinine.
import { groupCourses } from '../protocol/courses.js';
import { addDays, addMonths, daysBetween, isAfter } from '../protocol/dates.js';
import { programFor } from '../protocol/programs/index.js';
import type {
  Analyte,
  Condition,
  Diagnosis,
  IsoDate,
  ProgramId,
  Region,
  Sex,
  Timeline,
  TimelineEvent,
} from '../protocol/timeline.js';
import { canonicalizeEvents } from '../protocol/units.js';
import type { CourseStatus } from '../protocol/verdict.js';
import { ID_PREFIXES, type IdKind } from '../store/ids.js';
import type { Json } from '../store/schema/columns.js';
import type { ClinicalEventType } from '../store/schema/values.js';

/**
 * A small, fast, seedable PRNG (sfc32: 128 bits of state). Deterministic; not for secrets. A
 * 32-bit-state generator would not do: its streams are shifts of one sequence, so thousands of
 * patients' streams overlap and hand out the same identifiers.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 12; i++) {
      this.next();
    }
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new Error('pick from an empty list');
    }
    return item;
  }

  /** Approximately normal (sum of uniforms), mean `mean`, standard deviation `sd`. */
  normal(mean: number, sd: number): number {
    return mean + sd * (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }
}

/** splitmix32: spreads (seed, stream, index) over the generator's four state words. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A PRNG for one (seed, stream, index): independent of batch sizes and of other patients. */
export function streamPrng(seed: number, stream: number, index: number): Prng {
  const s = splitmix32(seed);
  const t = splitmix32(s ^ stream);
  const i = splitmix32(index ^ t);
  return new Prng(s, t ^ index, i, splitmix32(i ^ stream ^ 0x5bd1e995));
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** An identifier shaped like ids.ts newId (prefix + 26 base32 characters), drawn from `rng`. */
export function synthId(kind: IdKind, rng: Prng): string {
  let out = `${ID_PREFIXES[kind]}_`;
  for (let i = 0; i < 26; i++) {
    out += BASE32.charAt(Math.floor(rng.next() * 32));
  }
  return out;
}

/** The organizations and prescribers patients are spread over (synth.ts creates them first). */
export interface SynthWorld {
  practices: { id: string; prescriberMembershipIds: string[] }[];
  settingIds: string[];
}

export interface SynthLab {
  id: string;
  analyte: Analyte;
  value: number;
  unit: string;
  canonicalValue: number | null;
  canonicalUnit: string | null;
  effectiveDate: IsoDate;
  referenceLow: number | null;
  referenceHigh: number | null;
  sourceId: string;
}

export interface SynthEvent {
  id: string;
  type: ClinicalEventType;
  date: IsoDate;
  payload: Json;
  sourceId: string;
}

export interface SynthPatient {
  index: number;
  id: string;
  program: ProgramId;
  region: Region;
  practiceOrganizationId: string;
  prescriberMembershipId: string;
  settingOrganizationId: string;
  demographics: {
    givenName: string;
    familyName: string;
    birthDate: IsoDate;
    sex: Sex;
    childbearingPotential: boolean | null;
  };
  facts: { diagnosis: Diagnosis; priorDmtFailures: number | null; conditions: Condition[] };
  enrollmentId: string;
  /** The enrollment form's date (the first baseline workup). */
  enrolledOn: IsoDate;
  courses: { id: string; number: number; plannedInfusions: number | null; status: CourseStatus }[];
  infusions: { id: string; courseId: string; date: IsoDate; doseMg: number; lot: string }[];
  labs: SynthLab[];
  events: SynthEvent[];
}

const GIVEN_NAMES = [
  'Avery', 'Blake', 'Camila', 'Dara', 'Elif', 'Farah', 'Gareth', 'Hana', 'Ines', 'Jonah',
  'Keiko', 'Liam', 'Maya', 'Nikhil', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq',
  'Uma', 'Viktor', 'Wren', 'Ximena', 'Yusuf', 'Zoe',
]; // prettier-ignore
const FAMILY_NAMES = [
  'Abara', 'Bergstrom', 'Castillo', 'Dubois', 'Eriksen', 'Fontaine', 'Gallagher', 'Haddad',
  'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov',
  'Quinlan', 'Rossi', 'Sato', 'Tanaka', 'Ueda', 'Vasquez', 'Whitfield', 'Yilmaz', 'Zhou',
]; // prettier-ignore

const ITP_NO = {
  petechiae: false,
  easyBruising: false,
  bleedingGums: false,
  nosebleed: false,
  bloodInUrine: false,
  heavyMenstrualBleeding: false,
  coughingBlood: false,
} as const;

interface Draft {
  rng: Prng;
  idRng: Prng;
  asOf: IsoDate;
  patientId: string;
  infusions: { id: string; date: IsoDate; doseMg: number; lot: string }[];
  labs: SynthLab[];
  events: SynthEvent[];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function lab(
  d: Draft,
  date: IsoDate,
  analyte: Analyte,
  value: number,
  unit: string,
  range?: [number, number],
): void {
  if (isAfter(date, d.asOf)) {
    return;
  }
  const id = synthId('labResult', d.idRng);
  d.labs.push({
    id,
    analyte,
    value,
    unit,
    // Filled in by canonicalize() with the engine's own unit conversion (units.ts).
    canonicalValue: null,
    canonicalUnit: null,
    effectiveDate: date,
    referenceLow: range?.[0] ?? null,
    referenceHigh: range?.[1] ?? null,
    sourceId: `${d.patientId}:${id}`,
  });
}

function event(d: Draft, date: IsoDate, type: ClinicalEventType, payload: Json): void {
  if (isAfter(date, d.asOf)) {
    return;
  }
  const id = synthId('clinicalEvent', d.idRng);
  d.events.push({ id, type, date, payload, sourceId: `${d.patientId}:${id}` });
}

function infuse(d: Draft, date: IsoDate, doseMg: number, lot: string): void {
  if (isAfter(date, d.asOf)) {
    return;
  }
  d.infusions.push({ id: synthId('infusion', d.idRng), date, doseMg, lot });
}

/** The per-patient tendencies that make results abnormal over time. */
interface Physiology {
  platelets: number;
  creatinine: number;
  /** Month after the first infusion when ITP starts, or null. */
  itpMonth: number | null;
  /** Month when thyroid disease starts, and which way TSH goes. */
  thyroidMonth: number | null;
  hyperthyroid: boolean;
}

function baselineWorkup(
  d: Draft,
  date: IsoDate,
  first: boolean,
  body: Physiology,
  sex: Sex,
  childbearing: boolean,
): void {
  const { rng } = d;
  lab(d, date, 'platelets', Math.round(rng.normal(body.platelets, 20)), '10*9/L', [150, 400]);
  lab(d, date, 'neutrophils', round(rng.uniform(2.2, 6.5), 1), '10*9/L');
  // The patient's own level: ALR-CR compares later values with this baseline.
  lab(d, date, 'creatinine', round(rng.normal(body.creatinine, 0.04), 2), 'mg/dL');
  lab(d, date, 'urine-rbc', rng.int(0, 2), '/[HPF]');
  lab(d, date, 'tsh', round(rng.uniform(0.8, 3.2), 2), 'm[IU]/L', [0.4, 4.0]);
  lab(d, date, 'alt', rng.int(12, 38), 'U/L');
  if (first) {
    lab(d, date, 'upcr', rng.int(40, 140), 'mg/g');
    for (const test of ['tb', 'hiv', 'hbv', 'hcv'] as const) {
      event(d, date, 'screening', { test, result: 'negative' });
    }
    event(d, date, 'screening', { test: 'vzv-antibody', result: 'positive' });
    event(d, date, 'exam', { exam: 'skin-exam' });
    if (sex === 'female') {
      event(d, date, 'exam', { exam: 'hpv-screening' });
    }
    event(d, date, 'education', { material: 'patient-guide' });
    event(d, date, 'education', { material: 'wallet-card' });
  }
  if (childbearing) {
    event(d, date, 'screening', { test: 'pregnancy-test', result: 'negative' });
  }
}

function monthlyDraw(d: Draft, date: IsoDate, month: number, body: Physiology, sex: Sex): void {
  const { rng } = d;
  let platelets = rng.normal(body.platelets, 20);
  const itp = body.itpMonth !== null && month >= body.itpMonth && month < body.itpMonth + 3;
  if (itp && body.itpMonth !== null) {
    // Nadir at onset, recovering on treatment over the next draws.
    platelets = rng.uniform(15, 60) + (month - body.itpMonth) * rng.uniform(15, 35);
  } else if (rng.chance(0.01)) {
    platelets = rng.uniform(130, 149);
  }
  lab(d, date, 'platelets', Math.max(5, Math.round(platelets)), '10*9/L', [150, 400]);
  lab(
    d,
    date,
    'neutrophils',
    round(rng.chance(0.01) ? rng.uniform(0.9, 1.45) : rng.uniform(1.8, 6.5), 1),
    '10*9/L',
  );
  const creatinine = rng.chance(0.004)
    ? body.creatinine * rng.uniform(1.35, 1.8)
    : rng.normal(body.creatinine, 0.04);
  lab(d, date, 'creatinine', round(Math.max(0.3, creatinine), 2), 'mg/dL');
  // Hematuria: menses in women, now and then in anyone (ALR-HEM asks for a repeat).
  const hematuria = rng.chance(sex === 'female' ? 0.02 : 0.005);
  lab(d, date, 'urine-rbc', hematuria ? rng.int(6, 20) : rng.int(0, 3), '/[HPF]');
  lab(d, date, 'alt', rng.chance(0.02) ? rng.int(70, 160) : rng.int(10, 42), 'U/L');
  if (month % 3 === 0) {
    let tsh = rng.uniform(0.6, 3.6);
    if (body.thyroidMonth !== null && month >= body.thyroidMonth) {
      tsh = body.hyperthyroid ? rng.uniform(0.01, 0.35) : rng.uniform(4.5, 14);
    }
    lab(d, date, 'tsh', round(tsh, 2), 'm[IU]/L', [0.4, 4.0]);
  }
  if (month % 12 === 0) {
    event(d, date, 'exam', { exam: 'skin-exam' });
    if (sex === 'female') {
      event(d, date, 'exam', { exam: 'hpv-screening' });
    }
  }
}

function lemtrada(d: Draft, sex: Sex, childbearing: boolean): void {
  const { rng, asOf } = d;
  const body: Physiology = {
    platelets: rng.uniform(190, 330),
    creatinine: rng.uniform(0.6, 1.0),
    itpMonth: rng.chance(0.025) ? rng.int(6, 48) : null,
    thyroidMonth: rng.chance(0.38) ? rng.int(6, 60) : null,
    hyperthyroid: rng.chance(0.35),
  };
  // Course 1 started between a week and ~5.5 years ago (ongoing programs have every stage).
  const first = addDays(asOf, -rng.int(7, 2000));
  const lot = (date: IsoDate) =>
    `LOT-${date.slice(2, 4)}${String.fromCharCode(65 + rng.int(0, 11))}${rng.int(10, 99)}`;
  baselineWorkup(d, addDays(first, -rng.int(7, 25)), true, body, sex, childbearing);
  const lot1 = lot(first);
  for (let i = 0; i < 5; i++) {
    infuse(d, addDays(first, i), 12, lot1);
  }
  // DOSE-3: a later course at least 12 months after the last infusion of the previous one.
  let lastInfusion = addDays(first, 4);
  // Course 2 for 80% of those whose date has come, course 3 for 15% of those.
  for (const share of [0.8, 0.15]) {
    const start = addDays(addMonths(lastInfusion, 12), rng.int(0, 75));
    if (daysBetween(start, asOf) < 3 || !rng.chance(share)) {
      break;
    }
    baselineWorkup(d, addDays(start, -rng.int(7, 25)), false, body, sex, childbearing);
    const lotN = lot(start);
    for (let i = 0; i < 3; i++) {
      infuse(d, addDays(start, i), 12, lotN);
    }
    lastInfusion = addDays(start, 2);
  }

  const profile = rng.next();
  const attendance = profile < 0.86 ? 0.99 : profile < 0.96 ? 0.85 : 0.95;
  const lostAfter = profile >= 0.96 ? rng.int(2, 30) : Number.POSITIVE_INFINITY;
  const end = addMonths(lastInfusion, 48);
  for (let month = 1; ; month++) {
    const due = addMonths(first, month);
    if (isAfter(due, end) || isAfter(addDays(due, -7), asOf) || month > lostAfter) {
      break;
    }
    if (rng.chance(attendance)) {
      monthlyDraw(d, addDays(due, rng.int(-4, 4)), month, body, sex);
    }
    // MON-6: the ITP questionnaire two weeks after the draw; positive while ITP is active.
    if (rng.chance(attendance)) {
      const itp = body.itpMonth !== null && month >= body.itpMonth && month < body.itpMonth + 2;
      event(d, addDays(due, 14 + rng.int(-3, 3)), 'questionnaire', {
        kind: 'itp-questionnaire',
        answers: itp ? { ...ITP_NO, petechiae: true, easyBruising: true } : ITP_NO,
      });
    }
  }
}

function campath(d: Draft): void {
  const { rng, asOf } = d;
  const first = addDays(asOf, -rng.int(10, 365));
  lab(d, addDays(first, -7), 'platelets', rng.int(110, 260), '10*9/L', [150, 400]);
  lab(d, addDays(first, -7), 'neutrophils', round(rng.uniform(1.6, 4.5), 1), '10*9/L');
  // CAM-2/CAM-3: 3 mg, 10 mg, 30 mg on consecutive days, then 30 mg three times a week.
  const lot = `CAM-${first.slice(2, 4)}${rng.int(100, 999)}`;
  infuse(d, first, 3, lot);
  infuse(d, addDays(first, 1), 10, lot);
  infuse(d, addDays(first, 2), 30, lot);
  const weeks = rng.int(4, 12);
  let day = addDays(first, 4);
  for (let dose = 0; dose < weeks * 3; dose++) {
    infuse(d, day, 30, lot);
    day = addDays(day, dose % 3 === 2 ? 3 : 2);
  }
  // CAM-9: CBC weekly during therapy and for a while after; CD4 monthly.
  const therapyEnd = day;
  for (let week = 1; !isAfter(addDays(first, 7 * week), addDays(therapyEnd, 56)); week++) {
    const date = addDays(first, 7 * week);
    if (rng.chance(0.92)) {
      lab(d, date, 'platelets', rng.int(rng.chance(0.05) ? 20 : 90, 240), '10*9/L', [150, 400]);
      lab(
        d,
        date,
        'neutrophils',
        round(rng.chance(0.05) ? rng.uniform(0.3, 0.9) : rng.uniform(1.2, 4.5), 1),
        '10*9/L',
      );
    }
  }
  for (let month = 1; month <= 12; month++) {
    if (rng.chance(0.9)) {
      lab(d, addMonths(first, month), 'cd4', rng.int(60, 450), 'cells/uL');
    }
  }
}

/** The patient at `index` of a synthetic population drawn with `seed`. */
export function synthesizePatient(
  seed: number,
  index: number,
  asOf: IsoDate,
  world: SynthWorld,
): SynthPatient {
  const rng = streamPrng(seed, 0, index);
  const idRng = streamPrng(seed, 1, index);
  const id = synthId('patient', idRng);
  const program: ProgramId = rng.chance(0.03) ? 'campath' : 'lemtrada';
  const sex: Sex =
    program === 'lemtrada' ? (rng.chance(0.7) ? 'female' : 'male') : rng.chance(0.4) ? 'female' : 'male';
  const age = program === 'lemtrada' ? rng.int(19, 55) : rng.int(50, 82);
  const birthDate = addDays(asOf, -(age * 365 + rng.int(0, 364)));
  const childbearing = sex === 'female' && age < 50 ? rng.chance(0.9) : false;
  const practice = rng.pick(world.practices);
  const d: Draft = { rng, idRng, asOf, patientId: id, infusions: [], labs: [], events: [] };
  if (program === 'lemtrada') {
    lemtrada(d, sex, childbearing);
  } else {
    campath(d);
  }

  const definition = programFor(program, 'US');
  if (!definition) {
    throw new Error(`no ${program} US program`);
  }
  const timelineEvents: TimelineEvent[] = d.infusions.map((i) => ({
    type: 'infusion',
    id: i.id,
    date: i.date,
    doseMg: i.doseMg,
  }));
  const courses: SynthPatient['courses'] = [];
  const infusions: SynthPatient['infusions'] = [];
  for (const course of groupCourses(definition, timelineEvents, asOf)) {
    const courseId = synthId('course', idRng);
    courses.push({
      id: courseId,
      number: course.number,
      plannedInfusions: course.plannedInfusions,
      status: course.status,
    });
    for (const date of course.infusions) {
      const given = d.infusions.find((i) => i.date === date);
      if (given) {
        infusions.push({ ...given, courseId });
      }
    }
  }
  canonicalize(d.labs);
  const enrolledOn =
    [...d.labs.map((l) => l.effectiveDate), ...d.events.map((e) => e.date)].sort()[0] ?? asOf;

  return {
    index,
    id,
    program,
    region: 'US',
    practiceOrganizationId: practice.id,
    prescriberMembershipId: rng.pick(practice.prescriberMembershipIds),
    settingOrganizationId: rng.pick(world.settingIds),
    demographics: {
      givenName: rng.pick(GIVEN_NAMES),
      familyName: rng.pick(FAMILY_NAMES),
      birthDate,
      sex,
      childbearingPotential: sex === 'female' ? childbearing : null,
    },
    facts:
      program === 'lemtrada'
        ? { diagnosis: 'RRMS', priorDmtFailures: rng.int(2, 4), conditions: [] }
        : { diagnosis: 'B-CLL', priorDmtFailures: null, conditions: [] },
    enrollmentId: synthId('enrollment', idRng),
    enrolledOn,
    courses,
    infusions,
    labs: d.labs,
    events: d.events,
  };
}

/** Canonical values with the engine's own conversion, as importTimeline stores them. */
function canonicalize(labs: SynthLab[]): void {
  const canonical = canonicalizeEvents(
    labs.map((l): TimelineEvent => ({
      type: 'lab',
      date: l.effectiveDate,
      analyte: l.analyte,
      value: l.value,
      unit: l.unit,
    })),
  );
  labs.forEach((l, i) => {
    const c = canonical[i];
    if (c?.type === 'lab') {
      l.canonicalValue = c.value;
      l.canonicalUnit = c.unit;
    }
  });
}

// --- the timeline loadTimeline would rebuild ----------------------------------------------------

function byDateThenId(a: { date: string; id: string }, b: { date: string; id: string }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The Timeline store/repos/timeline.ts loadTimeline builds from these records: the same event
 * shapes, the same order (infusions, labs, other events, each by date then id; then a stable
 * sort by date). Evidence and alert keys depend on it.
 */
export function timelineOf(p: SynthPatient, asOf: IsoDate): Timeline {
  const infusionEvents = [...p.infusions]
    .sort(byDateThenId)
    .map((i): TimelineEvent => ({ type: 'infusion', id: i.id, date: i.date, doseMg: i.doseMg, lot: i.lot }));
  const labEvents = p.labs
    .map((l) => ({ ...l, date: l.effectiveDate }))
    .sort(byDateThenId)
    .map((l): TimelineEvent => ({
      type: 'lab',
      id: l.id,
      date: l.date,
      analyte: l.analyte,
      value: l.value,
      unit: l.unit,
      ...(l.referenceLow === null && l.referenceHigh === null
        ? {}
        : {
            referenceRange: {
              ...(l.referenceLow === null ? {} : { low: l.referenceLow }),
              ...(l.referenceHigh === null ? {} : { high: l.referenceHigh }),
            },
          }),
    }));
  // Payloads are the event fields synth-patient.ts wrote for these very types.
  const otherEvents = [...p.events].sort(byDateThenId).map(
    (e) =>
      ({
        ...(typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload)
          ? e.payload
          : {}),
        type: e.type,
        id: e.id,
        date: e.date,
      }) as TimelineEvent,
  );
  const candidate: Timeline = {
    program: p.program,
    region: p.region,
    asOf,
    patient: {
      birthDate: p.demographics.birthDate,
      sex: p.demographics.sex,
      ...(p.demographics.childbearingPotential === null
        ? {}
        : { childbearingPotential: p.demographics.childbearingPotential }),
      diagnosis: p.facts.diagnosis,
      ...(p.facts.priorDmtFailures === null ? {} : { priorDmtFailures: p.facts.priorDmtFailures }),
      conditions: p.facts.conditions,
      unknown: [],
    },
    events: [...infusionEvents, ...labEvents, ...otherEvents].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    ),
  };
  // loadTimeline also parses with the timeline contract; that parse returns these same objects
  // (nothing to strip or default) and costs more than the evaluation on long histories, so it is
  // left out here and the test holds the two equal (synth.test.ts).
  return candidate;
}
