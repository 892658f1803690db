// FHIR R4 MedicationRequest for a course of alemtuzumab (http://hl7.org/fhir/R4/medicationrequest.html).
// Dose, count and infusion time come from the program (DOSE-1..DOSE-4, ADM-2 / CAM-1); Campath
// has no fixed course, so its dose is the one the caller states or none.
import type { Dosage, Identifier, MedicationRequest } from '@medplum/fhirtypes';
import type { ProgramDefinition } from '../../protocol/program.js';
import type { IsoDate } from '../../protocol/timeline.js';
import { reference, toFhirId } from './ids.js';
import { medicationConcept } from './medication.js';
import type { FhirContext } from './systems.js';
import { UCUM, vigilIdentifierSystem } from './systems.js';

export interface MedicationRequestInput {
  /** Vigil course id (`crs_…`): one request per planned course. */
  id: string;
  patientId: string;
  program: ProgramDefinition;
  status: NonNullable<MedicationRequest['status']>;
  /** The course number (1 = first course): DOSE-2 or DOSE-3/4 decide the infusion count. */
  course: number;
  authoredOn?: IsoDate;
  plannedStart?: IsoDate;
  /** Overrides the program's daily dose (Campath, whose dose escalates: CAM-2). */
  doseMg?: number;
  /** The course authorization number, when one was issued (rems.md "Authorization"). */
  authorizationNumber?: string;
}

export function toMedicationRequest(input: MedicationRequestInput, ctx: FhirContext): MedicationRequest {
  const identifier: Identifier[] = [{ system: vigilIdentifierSystem(ctx, 'course'), value: input.id }];
  if (input.authorizationNumber !== undefined) {
    identifier.push({
      system: vigilIdentifierSystem(ctx, 'course-authorization'),
      value: input.authorizationNumber,
    });
  }
  const request: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: toFhirId(input.id),
    identifier,
    status: input.status,
    intent: 'order',
    medicationCodeableConcept: medicationConcept(input.program),
    subject: reference('Patient', input.patientId),
  };
  if (input.authoredOn !== undefined) {
    request.authoredOn = input.authoredOn;
  }
  const dosage = courseDosage(input);
  if (dosage !== null) {
    request.dosageInstruction = [dosage];
  }
  return request;
}

function courseDosage(input: MedicationRequestInput): Dosage | null {
  const { courses, administration } = input.program;
  const infusions =
    input.course === 1 ? courses.firstCourseInfusions.value : courses.laterCourseInfusions.value;
  const doseMg = input.doseMg ?? (infusions === null ? null : courses.doseMgPerDay.value);
  if (doseMg === null) {
    return null;
  }
  const hours = administration.infusion.value.hours;
  // Campath's schedule changes with escalation (CAM-2), so only a fixed course states one.
  const schedule = infusions === null ? '' : ` once daily for ${infusions} consecutive days`;
  const dosage: Dosage = {
    text: `${doseMg} mg by intravenous infusion over ${hours} h${schedule}`,
    route: { text: 'Intravenous' },
    doseAndRate: [{ doseQuantity: { value: doseMg, unit: 'mg', system: UCUM, code: 'mg' } }],
  };
  if (infusions !== null) {
    dosage.timing = {
      repeat: {
        count: infusions,
        frequency: 1,
        period: 1,
        periodUnit: 'd',
        ...(input.plannedStart === undefined ? {} : { boundsPeriod: { start: input.plannedStart } }),
      },
    };
  }
  return dosage;
}
