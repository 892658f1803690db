// The nurse's infusion day (issue #6), as pure helpers the screen draws from: labels for the
// gate's requirements (the API decides met / unmet / unknown: src/rems/infusion-gate.ts), which
// pre-infusion facts to ask for, the request bodies checked with the API's own contracts
// (src/contracts/infusion-day.ts), the INF-4 observation countdown on the server's clock, and the
// INF-5 stroke warning from the program definition.
import type { z } from 'zod';
import {
  completeSchema,
  preInfusionSchema,
  type Complete,
  type Gate,
  type PreInfusion,
} from '../../../src/contracts/infusion-day.js';
import type { ProgramDefinition } from '../api/api.js';

export type GateRequirement = Gate['requirements'][number];

const LABELS: Readonly<Record<string, string>> = {
  'setting-certified': 'Certified infusion setting',
  'patient-authorized': 'Patient authorized for this course',
  'no-active-infection': 'No active infection',
  'steroid-premedication': 'Corticosteroid premedication',
  'herpes-antiviral': 'Herpes antiviral prophylaxis',
  'vital-signs': 'Vital signs before the infusion',
};

/** The requirement's name in words; an item this app does not know yet is shown as the API named it. */
export function requirementLabel(item: string): string {
  return LABELS[item] ?? item.replace(/-/g, ' ');
}

/** The pre-infusion facts the nurse records (PATCH /infusions/:id/pre-infusion), by gate item. */
export type FactField = 'vitals' | 'steroidGiven' | 'antiviralStarted' | 'activeInfection';

const FIELD_OF_ITEM: Readonly<Record<string, FactField>> = {
  'vital-signs': 'vitals',
  'steroid-premedication': 'steroidGiven',
  'herpes-antiviral': 'antiviralStarted',
  'no-active-infection': 'activeInfection',
};

/**
 * The facts to ask for: those behind a requirement that is not met. Setting certification and the
 * authorization are the program's records, not the nurse's to enter.
 */
export function factsToAsk(gate: Pick<Gate, 'requirements'>): FactField[] {
  const out: FactField[] = [];
  for (const r of gate.requirements) {
    const field = FIELD_OF_ITEM[r.item];
    if (field !== undefined && r.status !== 'met' && !out.includes(field)) {
      out.push(field);
    }
  }
  return out;
}

/** What the nurse typed: text as typed, choices as chosen (undefined = not answered). */
export interface PreInfusionForm {
  systolic: string;
  diastolic: string;
  heartRate: string;
  temperature: string;
  respiratoryRate: string;
  oxygenSaturation: string;
  steroidGiven: boolean | undefined;
  antiviralStarted: boolean | undefined;
  activeInfection: boolean | undefined;
}

export const EMPTY_PRE_INFUSION: PreInfusionForm = {
  systolic: '',
  diastolic: '',
  heartRate: '',
  temperature: '',
  respiratoryRate: '',
  oxygenSaturation: '',
  steroidGiven: undefined,
  antiviralStarted: undefined,
  activeInfection: undefined,
};

const VITAL_FIELDS = {
  systolic: 'systolicMmHg',
  diastolic: 'diastolicMmHg',
  heartRate: 'heartRateBpm',
  temperature: 'temperatureC',
  respiratoryRate: 'respiratoryRate',
  oxygenSaturation: 'oxygenSaturationPct',
} as const;
type VitalKey = keyof typeof VITAL_FIELDS;

export type Checked<T> = { kind: 'ok'; body: T } | { kind: 'invalid'; errors: Record<string, string> };

/** Zod issues keyed by the form's own field names (the contract's path, mapped back). */
function errorsOf(error: z.ZodError, rename: (path: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = rename(issue.path.map(String).join('.'));
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * The PATCH body for the facts asked for, checked with the API's contract. Vital signs are sent
 * when any measurement was typed; a measurement that is not a number is named, not dropped.
 */
export function preInfusionBody(
  form: PreInfusionForm,
  asked: readonly FactField[],
  at: string,
): Checked<PreInfusion> {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  if (asked.includes('vitals')) {
    const vitals: Record<string, unknown> = { at };
    for (const key of Object.keys(VITAL_FIELDS) as VitalKey[]) {
      const text = form[key].trim();
      if (text === '') {
        continue;
      }
      const n = Number(text);
      if (Number.isNaN(n)) {
        errors[key] = 'Enter a number.';
      } else {
        vitals[VITAL_FIELDS[key]] = n;
      }
    }
    if (Object.keys(vitals).length > 1) {
      body.vitals = vitals;
    }
  }
  for (const field of ['steroidGiven', 'antiviralStarted', 'activeInfection'] as const) {
    if (asked.includes(field) && form[field] !== undefined) {
      body[field] = form[field];
    }
  }
  if (Object.keys(errors).length > 0) {
    return { kind: 'invalid', errors };
  }
  if (Object.keys(body).length === 0) {
    return { kind: 'invalid', errors: { form: 'Enter at least one of the facts the checklist asks for.' } };
  }
  const parsed = preInfusionSchema.safeParse(body);
  if (!parsed.success) {
    const byPath = Object.fromEntries(Object.entries(VITAL_FIELDS).map(([k, v]) => [`vitals.${v}`, k]));
    return { kind: 'invalid', errors: errorsOf(parsed.error, (p) => byPath[p] ?? p) };
  }
  return { kind: 'ok', body: parsed.data };
}

/** An infusion reaction as typed: CTCAE grade and onset time (HH:MM on the infusion's date). */
export interface ReactionForm {
  grade: string;
  onset: string;
}

export interface RecordForm {
  /** HH:MM on the infusion's date. */
  end: string;
  /** Times (HH:MM) vital signs were taken during the infusion (INF-3). */
  vitalsDuring: string[];
  reactions: ReactionForm[];
  lot: string;
  strokeEducationAcknowledged: boolean;
}

/** A wall-clock time on a calendar date, in the browser's time zone, as an instant (ISO 8601). */
export function instantAt(date: string, hhmm: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!d || !t) {
    return undefined;
  }
  const [, y, mo, da] = d.map(Number) as [number, number, number, number];
  const [, h, mi] = t.map(Number) as [number, number, number];
  if (h > 23 || mi > 59) {
    return undefined;
  }
  return new Date(y, mo - 1, da, h, mi).toISOString();
}

/** An instant as HH:MM in the browser's time zone (for prefilling the time fields). */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The POST /infusions/:id/complete body, checked with the API's contract. The rules (INF-3 vitals
 * during, INF-5 the acknowledgement, INF-6 grades, ADM-3 lot) are the API's to judge: its 422
 * names each, and the screen shows them.
 */
export function completeBody(form: RecordForm, date: string): Checked<Complete> {
  const errors: Record<string, string> = {};
  const endedAt = instantAt(date, form.end);
  if (endedAt === undefined) {
    errors.end = 'Enter the end time as HH:MM.';
  }
  const vitalsDuringAt: string[] = [];
  form.vitalsDuring.forEach((t, i) => {
    if (t.trim() === '') {
      return;
    }
    const at = instantAt(date, t);
    if (at === undefined) {
      errors[`vitalsDuring.${i}`] = 'Enter the time as HH:MM.';
    } else {
      vitalsDuringAt.push(at);
    }
  });
  const reactions: Complete['reactions'] = [];
  form.reactions.forEach((r, i) => {
    const grade = Number(r.grade);
    if (r.grade.trim() === '' || !Number.isInteger(grade)) {
      errors[`reactions.${i}.grade`] = 'Enter the CTCAE grade (1–5).';
    }
    const onsetAt = instantAt(date, r.onset);
    if (onsetAt === undefined) {
      errors[`reactions.${i}.onset`] = 'Enter the onset time as HH:MM.';
    }
    if (Number.isInteger(grade) && onsetAt !== undefined) {
      reactions.push({ grade, onsetAt });
    }
  });
  if (Object.keys(errors).length > 0 || endedAt === undefined) {
    return { kind: 'invalid', errors };
  }
  const parsed = completeSchema.safeParse({
    endedAt,
    vitalsDuringAt,
    reactions,
    ...(form.lot.trim() === '' ? {} : { lot: form.lot.trim() }),
    strokeEducationAcknowledged: form.strokeEducationAcknowledged,
  });
  if (!parsed.success) {
    return { kind: 'invalid', errors: errorsOf(parsed.error, (p) => p) };
  }
  return { kind: 'ok', body: parsed.data };
}

/**
 * How far the server's clock is ahead of this browser's (ms), from a server timestamp received
 * between `sentMs` and `receivedMs` (taken as the midpoint). The countdown runs on server time so
 * a wrong clock on the ward computer cannot shorten the INF-4 observation.
 */
export function clockOffset(serverIso: string, sentMs: number, receivedMs: number): number {
  const server = Date.parse(serverIso);
  return Number.isNaN(server) ? 0 : server - (sentMs + receivedMs) / 2;
}

export type Observation =
  { kind: 'observing'; remainingMs: number; label: string } | { kind: 'complete'; label: string };

/** INF-4: time left until `observationEndsAt` (the API's: end of infusion + the program's period). */
export function observation(observationEndsAt: string, serverNowMs: number): Observation {
  const ends = Date.parse(observationEndsAt);
  const remaining = ends - serverNowMs;
  if (Number.isNaN(ends) || remaining <= 0) {
    return { kind: 'complete', label: 'Observation period complete' };
  }
  const total = Math.ceil(remaining / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const label = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return { kind: 'observing', remainingMs: remaining, label };
}

const SIGN_WORDS: Readonly<Record<string, string>> = {
  'sudden-one-sided-weakness': 'Sudden weakness or drooping on one side of the face, arm or leg',
  'sudden-numbness': 'Sudden numbness',
  'sudden-confusion': 'Sudden confusion',
  'trouble-speaking': 'Trouble speaking or understanding speech',
  'vision-loss': 'Sudden loss of vision',
  'trouble-walking': 'Trouble walking',
  dizziness: 'Dizziness or loss of balance',
  'sudden-severe-headache': 'Sudden severe headache',
  'neck-pain': 'Neck pain',
};

export interface StrokeEducation {
  rule: string;
  title: string;
  text: string;
  source: string;
  signs: string[];
  advice: string | undefined;
}

function sourcedValue(container: unknown, key: string): unknown {
  if (typeof container !== 'object' || container === null) {
    return undefined;
  }
  const entry = (container as Record<string, unknown>)[key];
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).value : undefined;
}

/**
 * INF-5: the stroke and arterial dissection warning the patient is given at every infusion, from
 * the program definition (the rule's text, the stroke signs of infusionDay.strokeSigns and the
 * patient advice of rems.patientReportAdvice). Undefined when the program has no INF-5.
 */
export function strokeEducation(program: ProgramDefinition): StrokeEducation | undefined {
  const rule = program.rules['INF-5'];
  if (rule === undefined) {
    return undefined;
  }
  const signs = sourcedValue(program.infusionDay, 'strokeSigns');
  const advice = sourcedValue(program.rems, 'patientReportAdvice');
  const stroke =
    typeof advice === 'object' && advice !== null ? (advice as Record<string, unknown>).stroke : undefined;
  return {
    rule: 'INF-5',
    title: rule.title,
    text: rule.text,
    source: rule.source,
    signs: Array.isArray(signs)
      ? signs
          .filter((s): s is string => typeof s === 'string')
          .map((s) => SIGN_WORDS[s] ?? s.replace(/-/g, ' '))
      : [],
    advice: typeof stroke === 'string' ? stroke : undefined,
  };
}
