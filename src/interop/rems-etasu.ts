// The HL7 US Medication REMS IG STU2 `GuidanceResponse/$rems-etasu` operation (specification.html,
// "Out-of-band ETASU Check"; example instances parameters-rems-etasu-input and
// parameters-rems-etasu-output in HL7/fhir-medication-rems-ig, input/fsh/).
//
// Input: a Parameters with `patient` (Patient) and `medication` (Medication; the HL7-DaVinci
// REMS reference server also takes a MedicationRequest), or `case_number` (valueString). The
// IG's own example sends all three; a case number, when present, is what identifies the case.
// Output: a Parameters whose `rems-etasu` GuidanceResponse carries the overall status and
// references (outputParameters → #etasuOutputParameters) a contained Parameters with one
// GuidanceResponse per requirement (name = requirement, note = its text) and `case_number`.
// Statuses are the IG's: success | data-required | failure. The statuses are rendered from the
// shared ETASU result (src/rems/etasu.ts), never decided here.
import type {
  GuidanceResponse,
  Medication,
  MedicationRequest,
  Parameters,
  ParametersParameter,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import { VigilError } from '../errors/outcome.js';
import type { EtasuRequirement, EtasuResult } from '../rems/etasu.js';
import type { AlemtuzumabOrderMatch } from './cds-hooks/alemtuzumab-order.js';
import { isAlemtuzumabOrder } from './cds-hooks/alemtuzumab-order.js';
import type { FhirContext } from './fhir/systems.js';
import { vigilIdentifierSystem } from './fhir/systems.js';

/** GuidanceResponse.moduleUri as the IG's example output writes it. */
export const REMS_IG_MODULE = 'https://hl7.org/fhir/us/medication-rems/';

const OUTPUT_PARAMETERS_ID = 'etasuOutputParameters';

/** `case_number` is the IG's name; `caseNumber` is what the HL7-DaVinci REMS reference client sends. */
const CASE_NUMBER_NAMES: ReadonlySet<string> = new Set(['case_number', 'caseNumber']);

export interface EtasuPatient {
  /** Patient.id as the caller knows it (its own server's id, not necessarily Vigil's). */
  id: string | null;
  identifiers: { system: string | null; value: string }[];
}

export interface EtasuMedication {
  resourceType: 'Medication' | 'MedicationRequest';
  drug: AlemtuzumabOrderMatch;
}

export type RemsEtasuInput =
  | {
      kind: 'case-number';
      caseNumber: string;
      patient: EtasuPatient | null;
      medication: EtasuMedication | null;
    }
  | { kind: 'patient-medication'; patient: EtasuPatient; medication: EtasuMedication };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the operation's input, or throws a VigilError naming the parameter at fault. */
export function parseRemsEtasuInput(parameters: unknown): RemsEtasuInput {
  if (!isObject(parameters) || parameters.resourceType !== 'Parameters') {
    throw VigilError.invalid('resourceType', "must be 'Parameters'");
  }
  const list = parameters.parameter ?? [];
  if (!Array.isArray(list)) {
    throw VigilError.invalid('parameter', 'must be an array');
  }
  let patient: EtasuPatient | null = null;
  let medication: EtasuMedication | null = null;
  let caseNumber: string | null = null;
  const seen = new Set<string>();
  (list as unknown[]).forEach((p, i) => {
    const at = `parameter[${i}]`;
    if (!isObject(p) || typeof p.name !== 'string') {
      throw VigilError.invalid(`${at}.name`, 'each parameter needs a name');
    }
    const name = CASE_NUMBER_NAMES.has(p.name) ? 'case_number' : p.name;
    if (seen.has(name)) {
      throw VigilError.invalid(`${at}.name`, `parameter '${p.name}' is given more than once`);
    }
    seen.add(name);
    switch (name) {
      case 'patient':
        patient = readPatient(p.resource, `${at}.resource`);
        break;
      case 'medication':
        medication = readMedication(p.resource, `${at}.resource`);
        break;
      case 'case_number':
        caseNumber = readCaseNumber(p.valueString, `${at}.valueString`, p.name);
        break;
      default:
        throw VigilError.invalid(
          `${at}.name`,
          `unknown parameter '${p.name}'; $rems-etasu takes patient, medication and case_number`,
        );
    }
  });
  return combine(patient, medication, caseNumber);
}

function combine(
  patient: EtasuPatient | null,
  medication: EtasuMedication | null,
  caseNumber: string | null,
): RemsEtasuInput {
  if (caseNumber !== null) {
    return { kind: 'case-number', caseNumber, patient, medication };
  }
  if (patient === null) {
    throw VigilError.invalid('parameter', "'patient' is required when 'case_number' is not given");
  }
  if (medication === null) {
    throw VigilError.invalid('parameter', "'medication' is required when 'case_number' is not given");
  }
  return { kind: 'patient-medication', patient, medication };
}

function readCaseNumber(value: unknown, at: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw VigilError.invalid(at, `parameter '${name}' needs a non-empty valueString`);
  }
  return value.trim();
}

/**
 * The patient by id and identifiers only. Vigil never finds a patient by name and birth date
 * (DESIGN.md: "patients keyed by name and birth date" is what not to copy), so a Patient without
 * either cannot be matched and is refused.
 */
function readPatient(resource: unknown, at: string): EtasuPatient {
  if (!isObject(resource) || resource.resourceType !== 'Patient') {
    throw VigilError.invalid(at, "parameter 'patient' must hold a Patient resource");
  }
  const id = typeof resource.id === 'string' && resource.id !== '' ? resource.id : null;
  const raw = resource.identifier ?? [];
  if (!Array.isArray(raw)) {
    throw VigilError.invalid(`${at}.identifier`, 'must be an array');
  }
  const identifiers = (raw as unknown[]).flatMap((ident) =>
    isObject(ident) && typeof ident.value === 'string' && ident.value !== ''
      ? [{ system: typeof ident.system === 'string' ? ident.system : null, value: ident.value }]
      : [],
  );
  if (id === null && identifiers.length === 0) {
    throw VigilError.invalid(at, "parameter 'patient' needs an id or an identifier to be matched");
  }
  return { id, identifiers };
}

function readMedication(resource: unknown, at: string): EtasuMedication {
  if (
    !isObject(resource) ||
    (resource.resourceType !== 'Medication' && resource.resourceType !== 'MedicationRequest')
  ) {
    throw VigilError.invalid(
      at,
      "parameter 'medication' must hold a Medication or MedicationRequest resource",
    );
  }
  if (resource.resourceType === 'MedicationRequest') {
    return {
      resourceType: 'MedicationRequest',
      drug: isAlemtuzumabOrder(resource as unknown as MedicationRequest),
    };
  }
  const medication = resource as unknown as Medication;
  // A Medication's code is read exactly as an order's coded medication is.
  const asOrder: MedicationRequest = {
    resourceType: 'MedicationRequest',
    status: 'unknown',
    intent: 'order',
    subject: {},
    medicationCodeableConcept: medication.code ?? {},
  };
  return { resourceType: 'Medication', drug: isAlemtuzumabOrder(asOrder) };
}

export interface RemsEtasuOptions extends FhirContext {
  /** GuidanceResponse.subject: the patient the answer is about, or null for a case number alone. */
  subject: Reference<Patient> | null;
}

export function remsEtasuResponse(etasu: EtasuResult, options: RemsEtasuOptions): Parameters {
  const requirements: ParametersParameter[] = etasu.requirements.map((r) => ({
    name: r.title,
    resource: withSubject(requirementResponse(r, options), options.subject),
  }));
  if (etasu.caseNumber !== null) {
    requirements.push({ name: 'case_number', valueString: etasu.caseNumber });
  }
  const overall: GuidanceResponse = withSubject(
    { resourceType: 'GuidanceResponse', status: etasu.overall, moduleUri: REMS_IG_MODULE },
    options.subject,
  );
  overall.outputParameters = { reference: `#${OUTPUT_PARAMETERS_ID}` };
  overall.contained = [{ resourceType: 'Parameters', id: OUTPUT_PARAMETERS_ID, parameter: requirements }];
  return { resourceType: 'Parameters', parameter: [{ name: 'rems-etasu', resource: overall }] };
}

function withSubject(response: GuidanceResponse, subject: Reference<Patient> | null): GuidanceResponse {
  return subject === null ? response : { ...response, subject };
}

function requirementResponse(r: EtasuRequirement, ctx: FhirContext): GuidanceResponse {
  const notes = [r.title, r.detail, r.missing.length > 0 ? `Missing: ${r.missing.join(', ')}` : ''];
  return {
    resourceType: 'GuidanceResponse',
    identifier: [{ system: vigilIdentifierSystem(ctx, 'etasu-requirement'), value: r.id }],
    status: r.status,
    moduleUri: REMS_IG_MODULE,
    note: notes.filter((text) => text !== '').map((text) => ({ text })),
  };
}
