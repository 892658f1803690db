// FHIR R4 Observation for one lab result (http://hl7.org/fhir/R4/observation.html), shaped like
// the US Core laboratory result examples (category laboratory, LOINC code, UCUM valueQuantity,
// referenceRange low/high). Values go out in the analyte's canonical unit (protocol.md §0), the
// same numbers every rule read, converted by the engine's own table (src/protocol/units.ts).
import type { Identifier, Observation, Quantity } from '@medplum/fhirtypes';
import { VigilError } from '../../errors/outcome.js';
import { ProtocolInputError } from '../../protocol/errors.js';
import type { Analyte, LabEvent } from '../../protocol/timeline.js';
import { canonicalizeEvents } from '../../protocol/units.js';
import { ANALYTE_TEXT, canonicalUcum, outboundLoinc } from './analytes.js';
import { reference, toFhirId } from './ids.js';
import { identifierFrom } from './identifiers.js';
import type { FhirContext } from './systems.js';
import { LOINC, OBSERVATION_CATEGORY, UCUM, vigilIdentifierSystem } from './systems.js';

export interface ObservationInput {
  /** Vigil lab result id (`lab_…`). */
  id: string;
  patientId: string;
  lab: LabEvent;
  /** Where the result came from (docs/api.md "Idempotency": source system + the source's id). */
  source?: { system: string; value: string };
}

export function toFhirObservation(input: ObservationInput, ctx: FhirContext): Observation {
  const lab = canonical(input.lab);
  const identifier: Identifier[] = [{ system: vigilIdentifierSystem(ctx, 'lab-result'), value: input.id }];
  if (input.source !== undefined) {
    identifier.push(identifierFrom(input.source.system, input.source.value));
  }
  const observation: Observation = {
    resourceType: 'Observation',
    id: toFhirId(input.id),
    identifier,
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: {
      coding: [{ system: LOINC, code: outboundLoinc(lab.analyte) }],
      text: ANALYTE_TEXT[lab.analyte].text,
    },
    subject: reference('Patient', input.patientId),
    effectiveDateTime: lab.date,
    valueQuantity: quantity(lab.analyte, lab.value),
  };
  const range = lab.referenceRange;
  if (range !== undefined && (range.low !== undefined || range.high !== undefined)) {
    observation.referenceRange = [
      {
        ...(range.low === undefined ? {} : { low: quantity(lab.analyte, range.low) }),
        ...(range.high === undefined ? {} : { high: quantity(lab.analyte, range.high) }),
      },
    ];
  }
  return observation;
}

function quantity(analyte: Analyte, value: number): Quantity {
  const unit = canonicalUcum(analyte);
  return { value, unit: unit.display, system: UCUM, code: unit.code };
}

/** The lab in its canonical unit; a unit the engine does not know is a 400 naming `lab.unit`. */
function canonical(lab: LabEvent): LabEvent {
  try {
    const [converted] = canonicalizeEvents([lab]);
    if (converted?.type !== 'lab') {
      throw new Error('canonicalizeEvents dropped a lab');
    }
    return converted;
  } catch (err) {
    if (err instanceof ProtocolInputError) {
      throw VigilError.invalid(err.path.replace(/^events\[0\]/, 'lab'), err.message);
    }
    throw err;
  }
}
