// FHIR R4 Patient (http://hl7.org/fhir/R4/patient.html). Vigil's Patient is an opaque id and
// the identifiers the record holds; demographics go out only when the caller passes them, so a
// read that does not need them never carries them (rems.md "Audit": opaque IDs only).
import type { HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import type { IsoDate, Sex } from '../../protocol/timeline.js';
import { toFhirId } from './ids.js';
import { identifierFrom } from './identifiers.js';
import type { FhirContext } from './systems.js';
import { vigilIdentifierSystem } from './systems.js';

export interface PatientDemographics {
  name?: { family?: string; given?: string[] };
  birthDate?: IsoDate;
  sex?: Sex;
}

export interface PatientInput {
  /** Vigil patient id (`pt_…`). */
  id: string;
  /** Identifiers on record (MRN, payer id, …) as { system, value }. */
  identifiers: readonly { system: string; value: string }[];
  demographics?: PatientDemographics;
}

export function toFhirPatient(input: PatientInput, ctx: FhirContext): Patient {
  const identifier: Identifier[] = [
    { system: vigilIdentifierSystem(ctx, 'patient'), value: input.id },
    ...input.identifiers.map((i) => identifierFrom(i.system, i.value)),
  ];
  const patient: Patient = { resourceType: 'Patient', id: toFhirId(input.id), identifier };
  const d = input.demographics;
  if (d === undefined) {
    return patient;
  }
  const name = humanName(d.name);
  if (name !== null) {
    patient.name = [name];
  }
  if (d.birthDate !== undefined) {
    patient.birthDate = d.birthDate;
  }
  if (d.sex !== undefined) {
    // Vigil's sex is the biological sex the protocol reads (BASE-7, BASE-9); FHIR's
    // administrative gender shares the two codes Vigil uses.
    patient.gender = d.sex;
  }
  return patient;
}

function humanName(name: PatientDemographics['name']): HumanName | null {
  if (name === undefined) {
    return null;
  }
  const out: HumanName = {};
  if (name.family !== undefined && name.family !== '') {
    out.family = name.family;
  }
  const given = (name.given ?? []).filter((g) => g !== '');
  if (given.length > 0) {
    out.given = given;
  }
  return Object.keys(out).length > 0 ? out : null;
}
