// The FHIR R4 read API under /fhir (rems.md "Interoperability"; docs/api.md "FHIR R4"): the
// stored record rendered by the pure builders in src/interop/fhir, with the same access control
// as the JSON API (access.ts): a read the caller may not make is 404, a search over a patient
// the caller may not see is an empty searchset, a role that may never list the resource is 403.
//
// Resource ids are Vigil's opaque ids written FHIR-style (`pt_…` → `pt-…`, interop/fhir/ids.ts).
// Searches other than Observation take `patient` (required) and answer whole; Observation
// search pages by `_count` and an opaque `_cursor`, newest result first.
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigilError } from '../../errors/outcome.js';
import {
  capabilityStatement,
  remsEtasuOperationDefinition,
} from '../../interop/fhir/capability-statement.js';
import { searchsetBundle } from '../../interop/fhir/bundle.js';
import { carePlanFhirId, toCarePlan } from '../../interop/fhir/care-plan.js';
import { toDetectedIssue } from '../../interop/fhir/detected-issue.js';
import { fromFhirId } from '../../interop/fhir/ids.js';
import { toMedicationAdministration } from '../../interop/fhir/medication-administration.js';
import { toMedicationRequest } from '../../interop/fhir/medication-request.js';
import { toFhirObservation } from '../../interop/fhir/observation.js';
import { toFhirPatient } from '../../interop/fhir/patient.js';
import { toQuestionnaireResponse } from '../../interop/fhir/questionnaire-response.js';
import { analyteForLoinc, LOINC_SYSTEM } from '../../interop/ingest/loinc.js';
import { isIsoDate } from '../../protocol/dates.js';
import { evaluate } from '../../protocol/evaluate.js';
import type { ProgramDefinition } from '../../protocol/program.js';
import { programFor } from '../../protocol/programs/index.js';
import type { Analyte, QuestionnaireEvent } from '../../protocol/timeline.js';
import type { Tx } from '../../store/db.js';
import { isId, type IdKind } from '../../store/ids.js';
import { findAlert, type AlertRow } from '../../store/repos/alerts.js';
import {
  findCourse,
  findInfusion,
  findLabResult,
  type CourseRow,
  type InfusionRow,
  type LabResultRow,
} from '../../store/repos/clinical.js';
import {
  authorizationNumbers,
  clinicalEventOwner,
  coursesOf,
  givenInfusions,
  identifiersOfPatient,
  scheduledOrGivenInfusions,
  searchLabResults,
  unresolvedAlerts,
  type DateBound,
} from '../../store/repos/fhir-reads.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import { GIVEN_INFUSION_STATUSES, loadTimeline } from '../../store/repos/timeline.js';
import { labResults } from '../../store/schema/index.js';
import {
  authorize,
  mayEver,
  patientScope,
  permittedPatients,
  type Resource as PolicyResource,
} from '../access.js';
import type { AppDeps } from '../deps.js';
import { FHIR_JSON } from '../fhir-json.js';
import { fhirContext, publicBase } from '../interop-context.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const idParams = z.strictObject({ id: z.string().regex(FHIR_ID, { message: 'must be a FHIR id' }) });
const fhirResourceSchema = z.looseObject({ resourceType: z.string() });
const patientSearch = z.strictObject({ patient: z.string().min(1).max(200) });
const observationSearch = z.strictObject({
  patient: z.string().min(1).max(200).optional(),
  code: z.string().min(1).max(1000).optional(),
  date: z.union([z.string().max(40), z.array(z.string().max(40)).max(4)]).optional(),
  _count: z.coerce.number().int().min(1).max(200).default(50),
  _cursor: z.string().min(1).max(200).optional(),
});

function notFound(): VigilError {
  return new VigilError('not-found', 'Not found.');
}

/** A FHIR id as the Vigil id of `kind`; any other id names nothing here (404). */
function vigilIdOf(fhirId: string, kind: IdKind): string {
  try {
    const id = fromFhirId(fhirId);
    if (isId(kind, id)) {
      return id;
    }
  } catch (err) {
    if (!(err instanceof VigilError)) {
      throw err;
    }
  }
  throw notFound();
}

/** The `patient` search parameter: `Patient/pt-…` or `pt-…`; anything else is a 400 naming it. */
function patientParam(value: string): string {
  const bare = value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
  try {
    const id = fromFhirId(bare);
    if (isId('patient', id)) {
      return id;
    }
  } catch (err) {
    if (!(err instanceof VigilError)) {
      throw err;
    }
  }
  throw VigilError.invalid('query.patient', 'must be a Vigil patient reference such as Patient/pt-…');
}

/**
 * Whether the caller may list `resource` for this patient. A role that may never list it is a
 * 403 (patientScope); a patient the caller may not see is simply not searchable.
 */
async function searchable(
  tx: Tx,
  principal: Principal,
  resource: PolicyResource,
  action: 'list' | 'read',
  patientId: string,
): Promise<boolean> {
  if (!mayEver(principal, resource, action)) {
    throw new VigilError('forbidden', `Your role may not ${action} this ${resource}.`);
  }
  return (await permittedPatients(tx, principal, resource, action, [patientId])).has(patientId);
}

function program(row: { program: 'lemtrada' | 'campath'; region: 'US' | 'EU' }): ProgramDefinition {
  const found = programFor(row.program, row.region);
  if (found === undefined) {
    throw new VigilError('internal', 'The stored patient has no program definition.');
  }
  return found;
}

async function patientProgram(tx: Tx, patientId: string): Promise<ProgramDefinition> {
  const record = await findPatientRecord(tx, patientId);
  if (!record) {
    throw notFound();
  }
  return program(record.patient);
}

/** The resource as FHIR JSON (parsed, not cast, into the loose response shape). */
function send(reply: FastifyReply, resource: Resource): z.infer<typeof fhirResourceSchema> {
  void reply.type(`${FHIR_JSON}; charset=utf-8`);
  return fhirResourceSchema.parse(resource);
}

function selfUrl(deps: AppDeps, request: FastifyRequest): string {
  return `${publicBase(deps)}${request.url}`;
}

// --- renderers: one stored row → one resource ---

function observationOf(row: LabResultRow, deps: AppDeps) {
  return toFhirObservation(
    {
      id: row.id,
      patientId: row.patientId,
      lab: {
        type: 'lab',
        date: row.effectiveDate,
        analyte: row.analyte,
        value: row.value,
        unit: row.unit,
        ...(row.referenceLow === null && row.referenceHigh === null
          ? {}
          : {
              referenceRange: {
                ...(row.referenceLow === null ? {} : { low: row.referenceLow }),
                ...(row.referenceHigh === null ? {} : { high: row.referenceHigh }),
              },
            }),
      },
      source: { system: row.sourceSystem, value: row.sourceId },
    },
    fhirContext(deps),
  );
}

/** Course status → MedicationRequest.status (R4 medicationrequest-status). */
const REQUEST_STATUS = {
  planned: 'active',
  'in-progress': 'active',
  completed: 'completed',
  incomplete: 'stopped',
} as const;

async function medicationRequestsOf(tx: Tx, deps: AppDeps, rows: readonly CourseRow[], patientId: string) {
  const prog = await patientProgram(tx, patientId);
  const numbers = await authorizationNumbers(tx, patientId);
  const planned = await scheduledOrGivenInfusions(tx, patientId);
  return rows.map((c) => {
    const start = planned.find((i) => i.courseId === c.id)?.date;
    const authorizationNumber = numbers.get(c.number);
    return toMedicationRequest(
      {
        id: c.id,
        patientId,
        program: prog,
        status: REQUEST_STATUS[c.status],
        course: c.number,
        authoredOn: todayAt(c.createdAt),
        ...(start === undefined ? {} : { plannedStart: start }),
        ...(authorizationNumber === undefined ? {} : { authorizationNumber }),
      },
      fhirContext(deps),
    );
  });
}

/** Infusion status → MedicationAdministration.status (R4 medication-admin-status). */
const ADMINISTRATION_STATUS = { started: 'in-progress', completed: 'completed', stopped: 'stopped' } as const;

function isGiven(row: InfusionRow): row is InfusionRow & { status: keyof typeof ADMINISTRATION_STATUS } {
  return (GIVEN_INFUSION_STATUSES as readonly string[]).includes(row.status);
}

function administrationOf(row: InfusionRow, prog: ProgramDefinition, deps: AppDeps) {
  if (!isGiven(row)) {
    throw notFound();
  }
  const resource = toMedicationAdministration(
    {
      id: row.id,
      patientId: row.patientId,
      program: prog,
      infusion: {
        type: 'infusion',
        date: row.date,
        doseMg: row.doseMg,
        ...(row.lot === null ? {} : { lot: row.lot }),
      },
      courseId: row.courseId,
    },
    fhirContext(deps),
  );
  return { ...resource, status: ADMINISTRATION_STATUS[row.status] };
}

function detectedIssueOf(row: AlertRow, deps: AppDeps) {
  return toDetectedIssue(
    {
      id: row.id,
      patientId: row.patientId,
      alert: {
        rule: row.rule,
        code: row.code,
        severity: row.severity,
        date: row.date,
        evidence: row.evidence,
        message: row.message,
        action: row.action,
        key: row.dedupeKey,
      },
    },
    fhirContext(deps),
  );
}

async function questionnaireResponses(tx: Tx, deps: AppDeps, patientId: string, asOf: string) {
  const timeline = await loadTimeline(tx, patientId, asOf);
  return (timeline?.events ?? [])
    .filter((e): e is QuestionnaireEvent & { id: string } => e.type === 'questionnaire' && e.id !== undefined)
    .map((event) => ({
      id: event.id,
      resource: toQuestionnaireResponse({ id: event.id, patientId, event }, fhirContext(deps)),
    }));
}

async function carePlanOf(tx: Tx, deps: AppDeps, patientId: string, asOf: string) {
  const timeline = await loadTimeline(tx, patientId, asOf);
  if (!timeline) {
    throw notFound();
  }
  return toCarePlan({ patientId, verdict: evaluate(timeline) }, fhirContext(deps));
}

// --- Observation search parameters ---

/** `code`: comma-separated tokens (OR), `system|code` or `code`; only LOINC names an analyte. */
function analytesOf(code: string): Analyte[] {
  const found = new Set<Analyte>();
  for (const token of code.split(',')) {
    const bar = token.indexOf('|');
    const system = bar === -1 ? undefined : token.slice(0, bar);
    const value = bar === -1 ? token : token.slice(bar + 1);
    if (system !== undefined && system !== '' && system !== LOINC_SYSTEM) {
      continue;
    }
    const analyte = analyteForLoinc(value);
    if (analyte !== undefined) {
      found.add(analyte);
    }
  }
  return [...found];
}

const PREFIX: Record<string, DateBound['op']> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'lt',
  le: 'le',
  gt: 'gt',
  ge: 'ge',
  // A lab result is one day: "starts after" is after, "ends before" is before.
  sa: 'gt',
  eb: 'lt',
};

/** `date`: a day with an optional prefix (FHIR R4 search §3.1.1.4.2), e.g. `ge2026-01-01`. */
function dateBounds(values: string | string[] | undefined): DateBound[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  return list.map((v, i) => {
    const match = /^([a-z]{2})?(\d{4}-\d{2}-\d{2})$/.exec(v);
    const op = match?.[1] === undefined ? 'eq' : PREFIX[match[1]];
    const date = match?.[2];
    if (op === undefined || date === undefined || !isIsoDate(date)) {
      throw VigilError.invalid(
        list.length > 1 ? `query.date[${i}]` : 'query.date',
        'must be a date YYYY-MM-DD with an optional prefix eq, ne, lt, le, gt, ge, sa or eb',
      );
    }
    return { op, date };
  });
}

export const fhirRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  const tags = ['fhir'];
  const response = { 200: fhirResourceSchema };

  // What the endpoint serves: public, as FHIR R4 §3.1.0.6 expects of /metadata.
  app.get('/fhir/metadata', { schema: { tags, summary: 'CapabilityStatement', response } }, (_r, reply) =>
    send(reply, capabilityStatement(fhirContext(deps).baseUrl)),
  );
  app.get(
    '/fhir/OperationDefinition/rems-etasu',
    { schema: { tags, summary: 'The $rems-etasu operation', response } },
    (_r, reply) => send(reply, remsEtasuOperationDefinition(fhirContext(deps).baseUrl)),
  );

  app.get('/fhir/Patient/:id', { schema: { tags, params: idParams, response } }, (request, reply) =>
    runRead(deps, request, async ({ tx, principal }) => {
      const patientId = vigilIdOf(request.params.id, 'patient');
      await authorize(tx, principal, 'patient', 'read', { kind: 'patient', patientId });
      const record = await findPatientRecord(tx, patientId);
      if (!record) {
        throw notFound();
      }
      const d = record.demographics;
      const showIdentity =
        d !== null &&
        (await permittedPatients(tx, principal, 'demographics', 'read', [patientId])).has(patientId);
      return send(
        reply,
        toFhirPatient(
          {
            id: patientId,
            identifiers: await identifiersOfPatient(tx, patientId),
            ...(showIdentity
              ? {
                  demographics: {
                    name: { family: d.familyName, given: [d.givenName] },
                    birthDate: d.birthDate,
                    sex: d.sex,
                  },
                }
              : {}),
          },
          fhirContext(deps),
        ),
      );
    }),
  );

  app.get(
    '/fhir/Observation',
    { schema: { tags, summary: 'Search lab results', querystring: observationSearch, response } },
    (request, reply) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const q = request.query;
        const page = await searchLabResults(tx, {
          scope: patientScope(principal, 'lab-result', labResults.patientId),
          ...(q.patient === undefined ? {} : { patientId: patientParam(q.patient) }),
          ...(q.code === undefined ? {} : { analytes: analytesOf(q.code) }),
          dates: dateBounds(q.date),
          limit: q._count,
          ...(q._cursor === undefined ? {} : { cursor: q._cursor }),
        });
        const self = new URL(selfUrl(deps, request));
        const next = new URL(self);
        if (page.nextCursor !== null) {
          next.searchParams.set('_cursor', page.nextCursor);
        }
        return send(
          reply,
          searchsetBundle(
            page.rows.map((r) => observationOf(r, deps)),
            page.total,
            fhirContext(deps),
            { self: self.toString(), ...(page.nextCursor === null ? {} : { next: next.toString() }) },
          ),
        );
      }),
  );

  app.get('/fhir/Observation/:id', { schema: { tags, params: idParams, response } }, (request, reply) =>
    runRead(deps, request, async ({ tx, principal }) => {
      const id = vigilIdOf(request.params.id, 'labResult');
      const row = await findLabResult(tx, id);
      await authorize(tx, principal, 'lab-result', 'read', {
        kind: 'patient',
        patientId: row?.patientId ?? '',
      });
      if (!row) {
        throw notFound();
      }
      return send(reply, observationOf(row, deps));
    }),
  );

  /** A per-patient search: the resources, or an empty searchset for a patient not visible. */
  const perPatient = <T extends Resource>(
    path: string,
    resource: PolicyResource,
    action: 'list' | 'read',
    load: (tx: Tx, patientId: string, asOf: string) => Promise<T[]>,
  ) =>
    app.get(path, { schema: { tags, querystring: patientSearch, response } }, (request, reply) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const patientId = patientParam(request.query.patient);
        const resources = (await searchable(tx, principal, resource, action, patientId))
          ? await load(tx, patientId, todayAt(now))
          : [];
        return send(
          reply,
          searchsetBundle(resources, resources.length, fhirContext(deps), { self: selfUrl(deps, request) }),
        );
      }),
    );

  perPatient('/fhir/MedicationRequest', 'course', 'list', async (tx, patientId) =>
    medicationRequestsOf(tx, deps, await coursesOf(tx, patientId), patientId),
  );
  app.get('/fhir/MedicationRequest/:id', { schema: { tags, params: idParams, response } }, (request, reply) =>
    runRead(deps, request, async ({ tx, principal }) => {
      const row = await findCourse(tx, vigilIdOf(request.params.id, 'course'));
      await authorize(tx, principal, 'course', 'read', { kind: 'patient', patientId: row?.patientId ?? '' });
      if (!row) {
        throw notFound();
      }
      const [resource] = await medicationRequestsOf(tx, deps, [row], row.patientId);
      if (!resource) {
        throw notFound();
      }
      return send(reply, resource);
    }),
  );

  perPatient('/fhir/MedicationAdministration', 'infusion', 'list', async (tx, patientId) => {
    const prog = await patientProgram(tx, patientId);
    return (await givenInfusions(tx, patientId)).map((r) => administrationOf(r, prog, deps));
  });
  app.get(
    '/fhir/MedicationAdministration/:id',
    { schema: { tags, params: idParams, response } },
    (request, reply) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findInfusion(tx, vigilIdOf(request.params.id, 'infusion'));
        await authorize(tx, principal, 'infusion', 'read', {
          kind: 'patient',
          patientId: row?.patientId ?? '',
        });
        if (!row) {
          throw notFound();
        }
        return send(reply, administrationOf(row, await patientProgram(tx, row.patientId), deps));
      }),
  );

  perPatient('/fhir/CarePlan', 'patient-state', 'read', async (tx, patientId, asOf) => [
    await carePlanOf(tx, deps, patientId, asOf),
  ]);
  app.get('/fhir/CarePlan/:id', { schema: { tags, params: idParams, response } }, (request, reply) =>
    runRead(deps, request, async ({ tx, principal, now }) => {
      const suffix = '-monitoring';
      const fhirId = request.params.id;
      if (!fhirId.endsWith(suffix)) {
        throw notFound();
      }
      const patientId = vigilIdOf(fhirId.slice(0, -suffix.length), 'patient');
      if (carePlanFhirId(patientId) !== fhirId) {
        throw notFound();
      }
      await authorize(tx, principal, 'patient-state', 'read', { kind: 'patient', patientId });
      return send(reply, await carePlanOf(tx, deps, patientId, todayAt(now)));
    }),
  );

  perPatient('/fhir/QuestionnaireResponse', 'questionnaire-response', 'list', async (tx, patientId, asOf) =>
    (await questionnaireResponses(tx, deps, patientId, asOf)).map((q) => q.resource),
  );
  app.get(
    '/fhir/QuestionnaireResponse/:id',
    { schema: { tags, params: idParams, response } },
    (request, reply) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const id = vigilIdOf(request.params.id, 'clinicalEvent');
        const patientId = await clinicalEventOwner(tx, id, 'questionnaire');
        await authorize(tx, principal, 'questionnaire-response', 'read', {
          kind: 'patient',
          patientId: patientId ?? '',
        });
        if (patientId === undefined) {
          throw notFound();
        }
        const found = (await questionnaireResponses(tx, deps, patientId, todayAt(now))).find(
          (q) => q.id === id,
        );
        if (!found) {
          throw notFound();
        }
        return send(reply, found.resource);
      }),
  );

  perPatient('/fhir/DetectedIssue', 'alert', 'list', async (tx, patientId) =>
    (await unresolvedAlerts(tx, patientId)).map((a) => detectedIssueOf(a, deps)),
  );
  app.get('/fhir/DetectedIssue/:id', { schema: { tags, params: idParams, response } }, (request, reply) =>
    runRead(deps, request, async ({ tx, principal }) => {
      const row = await findAlert(tx, vigilIdOf(request.params.id, 'alert'));
      await authorize(tx, principal, 'alert', 'read', { kind: 'patient', patientId: row?.patientId ?? '' });
      if (!row) {
        throw notFound();
      }
      return send(reply, detectedIssueOf(row, deps));
    }),
  );
  return Promise.resolve();
};
