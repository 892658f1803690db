// CDS Hooks 2.0 request and response shapes (https://cds-hooks.hl7.org/2.0/, "Calling a CDS
// Service", "CDS Service Response"; hook contexts from the CDS Hooks Library pages patient-view,
// order-select and order-sign). Unlike Vigil's own contracts these objects are not strict: the
// spec lets clients and services add `extension` members and newer context fields, and FHIR
// resources inside them are validated where they are read, not here.
import { z } from 'zod';

/** `Practitioner/abc`, `PractitionerRole/123`, `Patient/1`: the hook's user (Library: "[ResourceType]/[id]"). */
const userId = z.string().regex(/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, {
  message: 'must be a FHIR reference such as Practitioner/123',
});

/** A FHIR logical id (R4 datatypes: [A-Za-z0-9-.]{1,64}). */
const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, { message: 'must be a FHIR id' });

const fhirResource = z.looseObject({ resourceType: z.string().min(1), id: z.string().optional() });

/** draftOrders: a FHIR Bundle of orders. The spec's own R4 examples omit Bundle.type, so it is optional. */
export const draftOrdersSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string().optional(),
  entry: z.array(z.looseObject({ resource: fhirResource })).default([]),
});
export type DraftOrders = z.infer<typeof draftOrdersSchema>;

export const fhirAuthorizationSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().nonnegative(),
  scope: z.string().min(1),
  subject: z.string().min(1),
  patient: z.string().optional(),
});

const requestBase = {
  hookInstance: z.string().min(1).max(200),
  fhirServer: z.url().optional(),
  fhirAuthorization: fhirAuthorizationSchema.optional(),
  /** Prefetched resources by template key; null when the client's query found nothing. */
  prefetch: z.record(z.string(), fhirResource.nullable()).optional(),
};

const patientContext = { userId, patientId: fhirId, encounterId: fhirId.optional() };

export const patientViewRequestSchema = z.looseObject({
  ...requestBase,
  hook: z.literal('patient-view'),
  context: z.looseObject(patientContext),
});

export const orderSelectRequestSchema = z.looseObject({
  ...requestBase,
  hook: z.literal('order-select'),
  context: z.looseObject({
    ...patientContext,
    /** References into draftOrders, e.g. `MedicationRequest/103`. */
    selections: z.array(z.string().regex(/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/)).min(1),
    draftOrders: draftOrdersSchema,
  }),
});

export const orderSignRequestSchema = z.looseObject({
  ...requestBase,
  hook: z.literal('order-sign'),
  context: z.looseObject({ ...patientContext, draftOrders: draftOrdersSchema }),
});

export const cdsHookRequestSchema = z.discriminatedUnion('hook', [
  patientViewRequestSchema,
  orderSelectRequestSchema,
  orderSignRequestSchema,
]);
export type CdsHookRequest = z.infer<typeof cdsHookRequestSchema>;
export type PatientViewRequest = z.infer<typeof patientViewRequestSchema>;
export type OrderSelectRequest = z.infer<typeof orderSelectRequestSchema>;
export type OrderSignRequest = z.infer<typeof orderSignRequestSchema>;

/** Card.summary: "One-sentence, <140-character summary message" (CDS Hooks 2.0, Card Attributes). */
export const CARD_SUMMARY_MAX = 139;

export const cdsLinkSchema = z.strictObject({
  label: z.string().min(1),
  url: z.url(),
  type: z.enum(['absolute', 'smart']),
  appContext: z.string().min(1).optional(),
});

export const cdsCardSchema = z
  .strictObject({
    uuid: z.string().min(1).optional(),
    summary: z.string().min(1).max(CARD_SUMMARY_MAX),
    detail: z.string().min(1).optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: z.strictObject({
      label: z.string().min(1),
      url: z.url().optional(),
      icon: z.url().optional(),
    }),
    suggestions: z
      .array(z.looseObject({ label: z.string().min(1) }))
      .min(1)
      .optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    links: z.array(cdsLinkSchema).min(1).optional(),
  })
  .refine((c) => c.suggestions === undefined || c.selectionBehavior !== undefined, {
    message: 'selectionBehavior is required when suggestions are present',
    path: ['selectionBehavior'],
  });
export type CdsCard = z.infer<typeof cdsCardSchema>;

export const cdsServiceResponseSchema = z.strictObject({ cards: z.array(cdsCardSchema) });
export type CdsServiceResponse = z.infer<typeof cdsServiceResponseSchema>;

export const cdsServiceSchema = z.strictObject({
  hook: z.string().min(1),
  title: z.string().min(1).optional(),
  description: z.string().min(1),
  id: z.string().regex(/^[A-Za-z0-9\-._~]+$/, { message: 'must be a URL path segment' }),
  prefetch: z.record(z.string(), z.string().min(1)).optional(),
  usageRequirements: z.string().min(1).optional(),
});
export const cdsDiscoverySchema = z.strictObject({ services: z.array(cdsServiceSchema) });
export type CdsDiscovery = z.infer<typeof cdsDiscoverySchema>;
