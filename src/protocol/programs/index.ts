// The program registry: one definition per program version (protocol.md §10).
import type { ProgramDefinition } from '../program.js';
import type { ProgramId, Region } from '../timeline.js';
import { campathUs } from './campath-us.js';
import { lemtradaEu } from './lemtrada-eu.js';
import { lemtradaUs } from './lemtrada-us.js';

export const PROGRAMS: readonly ProgramDefinition[] = [lemtradaUs, lemtradaEu, campathUs];

/** The program a timeline is evaluated under; Campath is a US-only program here. */
export function programFor(program: ProgramId, region: Region): ProgramDefinition | undefined {
  return PROGRAMS.find((p) => p.program === program && p.region === region);
}

export function programByVersion(version: string): ProgramDefinition | undefined {
  return PROGRAMS.find((p) => p.version === version);
}
