// FHIR R4 MedicationAdministration for one infusion (http://hl7.org/fhir/R4/medicationadministration.html).
// R4 has no lot element on the administration: the lot (ADM-3) travels on a contained
// Medication's batch.lotNumber, referenced as `#medication`.
import type { MedicationAdministration } from '@medplum/fhirtypes';
import type { ProgramDefinition } from '../../protocol/program.js';
import type { InfusionEvent } from '../../protocol/timeline.js';
import { reference, toFhirId } from './ids.js';
import { medicationConcept } from './medication.js';
import type { FhirContext } from './systems.js';
import { UCUM, vigilIdentifierSystem } from './systems.js';

export interface MedicationAdministrationInput {
  /** Vigil infusion id (`inf_…`). */
  id: string;
  patientId: string;
  program: ProgramDefinition;
  infusion: InfusionEvent;
  /** The course (MedicationRequest) this infusion belongs to, when known. */
  courseId?: string;
}

const CONTAINED_MEDICATION = 'medication';

export function toMedicationAdministration(
  input: MedicationAdministrationInput,
  ctx: FhirContext,
): MedicationAdministration {
  const { infusion } = input;
  const administration: MedicationAdministration = {
    resourceType: 'MedicationAdministration',
    id: toFhirId(input.id),
    identifier: [{ system: vigilIdentifierSystem(ctx, 'infusion'), value: input.id }],
    // Vigil records an infusion once it was given; a planned one is not an administration.
    status: 'completed',
    subject: reference('Patient', input.patientId),
    effectiveDateTime: infusion.date,
    dosage: {
      route: { text: 'Intravenous' },
      dose: { value: infusion.doseMg, unit: 'mg', system: UCUM, code: 'mg' },
    },
  };
  if (infusion.lot !== undefined && infusion.lot !== '') {
    administration.contained = [
      {
        resourceType: 'Medication',
        id: CONTAINED_MEDICATION,
        code: medicationConcept(input.program),
        batch: { lotNumber: infusion.lot },
      },
    ];
    administration.medicationReference = { reference: `#${CONTAINED_MEDICATION}` };
  } else {
    administration.medicationCodeableConcept = medicationConcept(input.program);
  }
  if (input.courseId !== undefined) {
    administration.request = reference('MedicationRequest', input.courseId);
  }
  return administration;
}
