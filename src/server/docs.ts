// The API's OpenAPI 3 document (/docs/json), generated from the same zod contracts the routes
// validate with, and Swagger UI at /docs served from the package's own files: no CDN, no
// external validator, nothing fetched from outside.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';

export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vigil API',
        description:
          'The alemtuzumab safety program (REMS): patients, courses, infusions, results, alerts. ' +
          'Errors are FHIR OperationOutcome bodies.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vigil_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    validatorUrl: false,
    uiConfig: { deepLinking: false },
  });
}
