// The planned first infusion an order states: dosageInstruction[].timing.repeat.boundsPeriod.start
// (as the CDS Hooks order-select example writes it), as a calendar date. Draft orders are loosely
// validated (src/contracts/cds-hooks.ts), so every member is checked before it is read; an
// order with no readable start date gives undefined and the caller decides what that means.
import { isIsoDate } from '../../protocol/dates.js';
import type { IsoDate } from '../../protocol/timeline.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function member(v: unknown, key: string): unknown {
  return isObject(v) ? v[key] : undefined;
}

export function orderStart(request: unknown): IsoDate | undefined {
  const dosages = member(request, 'dosageInstruction');
  const starts = (Array.isArray(dosages) ? (dosages as unknown[]) : [])
    .map((d) => member(member(member(member(d, 'timing'), 'repeat'), 'boundsPeriod'), 'start'))
    .filter((s): s is string => typeof s === 'string')
    // A dateTime's calendar date as the order wrote it (its own local date, protocol.md §0).
    .map((s) => s.slice(0, 10))
    .filter(isIsoDate)
    .sort();
  return starts[0];
}
