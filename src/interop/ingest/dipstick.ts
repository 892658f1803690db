// Urine protein by dipstick (protocol.md §0: "dipstick grade 0..4 (negative, trace=0)"). Labs send
// the reading as words or plus signs; Vigil stores the grade, in the canonical unit of units.ts.
import { CANONICAL_UNITS } from '../../protocol/units.js';

/** The unit a grade read from words is stored in: urine-protein's canonical unit. */
export const DIPSTICK_UNIT = CANONICAL_UNITS['urine-protein'];

/**
 * Readings as labs write them. Trace counts as 0 because protocol.md §0 says so: ALR-PRO fires
 * from grade 1 ("1+"), and a trace reading is below that.
 */
const GRADES: ReadonlyMap<string, number> = new Map([
  ['negative', 0],
  ['neg', 0],
  ['trace', 0],
  ['1+', 1],
  ['+', 1],
  ['2+', 2],
  ['++', 2],
  ['3+', 3],
  ['+++', 3],
  ['4+', 4],
  ['++++', 4],
]);

/** The accepted readings, for error messages. */
export const DIPSTICK_READINGS = [...GRADES.keys()];

/** The grade (0..4) of a dipstick reading such as "Trace" or "2+", or undefined if it is not one. */
export function dipstickGrade(reading: string): number | undefined {
  return GRADES.get(reading.trim().toLowerCase().replace(/\s+/g, ''));
}
