// Plain words for program values and symptom codes, shared by the assessment and the education
// content so both say the same thing the same way.
import type { ItpQuestionnaireKey, StrokeSign } from '../protocol/timeline.js';

/** 120 → "2 hours", 90 → "90 minutes", 60 → "1 hour". */
export function duration(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** ["a", "b", "c"] → "a, b and c"; the connective may be "or". */
export function listJoin(items: readonly string[], connective: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} ${connective} ${items.at(-1) ?? ''}`;
}

/** "alemtuzumab (Lemtrada) can…" → "Alemtuzumab (Lemtrada) can…" at the start of a sentence. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "1 hour" → "every hour", "30 minutes" → "every 30 minutes". */
export function every(amount: string): string {
  return amount.startsWith('1 ') ? `every ${amount.slice(2)}` : `every ${amount}`;
}

/** How many: 1 → "1 month", 4 → "4 months". */
export function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** ALR-ITPQ: the bleeding signs the ITP questionnaire asks about. */
export const ITP_SIGN_WORDS: Record<ItpQuestionnaireKey, string> = {
  petechiae: 'tiny red or purple spots on the skin',
  easyBruising: 'bruising easily',
  bleedingGums: 'bleeding gums',
  nosebleed: 'a nosebleed that lasts longer than 30 minutes',
  bloodInUrine: 'blood in the urine',
  heavyMenstrualBleeding: 'periods much heavier than usual',
  coughingBlood: 'coughing up blood',
};

/** INF-5 / ALR-STR: the stroke and arterial dissection signs. */
export const STROKE_SIGN_WORDS: Record<StrokeSign, string> = {
  'sudden-one-sided-weakness': 'sudden weakness on one side of the body',
  'sudden-numbness': 'sudden numbness',
  'sudden-confusion': 'sudden confusion',
  'trouble-speaking': 'trouble speaking or understanding speech',
  'vision-loss': 'sudden loss of vision',
  'trouble-walking': 'trouble walking or loss of balance',
  dizziness: 'dizziness',
  'sudden-severe-headache': 'a sudden severe headache',
  'neck-pain': 'neck pain',
};

/** The words for the stroke signs a program lists (program.infusionDay.strokeSigns). */
export function strokeSignWords(codes: readonly string[]): string[] {
  const words: Readonly<Record<string, string | undefined>> = STROKE_SIGN_WORDS;
  return codes.map((c) => words[c] ?? c);
}
