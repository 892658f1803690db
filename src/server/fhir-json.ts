// FHIR clients send `application/fhir+json` (FHIR R4 §3.1.0.1.7). It is JSON: parse it with the
// same parser, limits and error mapping as application/json, so a malformed FHIR body is the same
// 400 OperationOutcome as any other malformed body.
import type { FastifyInstance } from 'fastify';

export const FHIR_JSON = 'application/fhir+json';

export function registerFhirJson(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, json);
}
