// The drug as a FHIR CodeableConcept, and the reverse: which program a coded medication belongs
// to. Codes come from the program definition (program.drug: RxNorm, SNOMED CT, ATC; rems.md
// "Codes"), so a new product code is a data change.
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import type { ProgramDefinition } from '../../protocol/program.js';
import { PROGRAMS } from '../../protocol/programs/index.js';
import { ATC, RXNORM, SNOMED } from './systems.js';

export function medicationConcept(program: ProgramDefinition): CodeableConcept {
  return {
    coding: [
      ...program.drug.rxnorm.map((code) => ({ system: RXNORM, code })),
      { system: SNOMED, code: program.drug.snomed },
      { system: ATC, code: program.drug.atc },
    ],
    text: program.drug.name,
  };
}

export type DrugMatch =
  | { kind: 'program-drug'; program: ProgramDefinition; rxnorm: string }
  | { kind: 'other-drug' }
  | { kind: 'not-coded' };

/**
 * Which program an RxNorm-coded medication belongs to. Only RxNorm is matched (rems.md: the
 * hooks fire "for alemtuzumab (RxNorm 1594660)"); SNOMED CT and ATC name the substance, which
 * both programs share. A medication with no RxNorm coding at all is `not-coded`: unknown, not
 * "another drug".
 */
export function matchProgramDrug(
  codings: readonly Coding[],
  programs: readonly ProgramDefinition[] = PROGRAMS,
): DrugMatch {
  const rxnorm = codings.filter((c) => c.system === RXNORM && typeof c.code === 'string');
  if (rxnorm.length === 0) {
    return { kind: 'not-coded' };
  }
  for (const coding of rxnorm) {
    const program = programs.find((p) => p.drug.rxnorm.includes(coding.code ?? ''));
    if (program !== undefined) {
      return { kind: 'program-drug', program, rxnorm: coding.code ?? '' };
    }
  }
  return { kind: 'other-drug' };
}
