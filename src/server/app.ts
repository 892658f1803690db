// The HTTP API (`vigil serve`). buildApp wires the plugins, the one error handler and the
// routes; it opens nothing itself, so tests build it around a test database and a fixed clock.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { VigilError } from '../errors/outcome.js';
import type { AppDeps } from './deps.js';
import { registerDocs } from './docs.js';
import { registerFhirJson } from './fhir-json.js';
import { sendError } from './error-handler.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Limits } from './limits.js';
import { loggerOptions } from './logging.js';
import { registerAuthentication } from './auth/authenticate.js';
import { recordRoutes } from './route-table.js';
import { alertRoutes } from './routes/alerts.js';
import { authRoutes } from './routes/auth.js';
import { authorizationRoutes } from './routes/authorizations.js';
import { courseRoutes } from './routes/courses.js';
import { enrollmentRoutes } from './routes/enrollments.js';
import { healthRoutes } from './routes/health.js';
import { infusionRoutes } from './routes/infusions.js';
import { infusionDayRoutes } from './routes/infusion-day.js';
import { labResultRoutes } from './routes/lab-results.js';
import { fhirIngestRoutes } from './routes/fhir-ingest.js';
import { labImportRoutes } from './routes/lab-imports.js';
import { patientReportRoutes } from './routes/patient-reports.js';
import { organizationRoutes } from './routes/organizations.js';
import { patientStateRoutes } from './routes/patient-state.js';
import { patientRoutes } from './routes/patients.js';
import { userRoutes } from './routes/users.js';
import { auditRoutes } from './routes/audit.js';
import { programRoutes } from './routes/programs.js';
import { cdsHookRoutes } from './routes/cds-hooks.js';
import { fhirRoutes } from './routes/fhir.js';
import { remsEtasuRoutes } from './routes/rems-etasu.js';
import { calendarRoutes } from './routes/calendar.js';
import { certificationRoutes } from './routes/certifications.js';
import { educationRoutes } from './routes/education.js';
import { courseAuthorizationRoutes } from './routes/course-authorizations.js';
import { dispenseRoutes } from './routes/dispenses.js';
import { adverseEventRoutes } from './routes/adverse-events.js';
import { statusFormRoutes } from './routes/status-forms.js';
import { programOversightRoutes } from './routes/program-oversight.js';
import { defaultWebRoot, registerWeb } from './web.js';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export async function buildApp(deps: AppDeps): Promise<App> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, deps.logStream),
    bodyLimit: limits.bodyLimitBytes,
    // Our own ids: an inbound X-Request-Id is not trusted to be unique or free of data.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Behind a reverse proxy in production; the address is what rate limits key on.
    trustProxy: deps.config.production,
    routerOptions: { ignoreTrailingSlash: true },
    // Router refusals (a path parameter longer than maxParamLength, a malformed %-escape) skip
    // the error handler by default and answer Fastify's own JSON, which echoes the URL: they go
    // through the one error handler instead (issue #8 fuzzing found the 414).
    frameworkErrors: (err, request, reply) => {
      void sendError(err, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Before any route: the access matrix and the fuzzing suite enumerate what gets registered.
  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON only: a text/plain body is refused with 415 rather than parsed into a string.
  app.removeContentTypeParser('text/plain');
  registerFhirJson(app);

  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

  await app.register(fastifyHelmet, {
    // HSTS only where the public URL is https; a local http install must stay reachable.
    hsts: deps.config.production && deps.config.publicUrl.startsWith('https:'),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: limits.requestsPerMinutePerAddress,
    timeWindow: 60_000,
    errorResponseBuilder: () => new VigilError('too-many', 'Too many requests: wait a minute and retry.'),
  });
  // Before every API route: the web plugin learns the API's path segments as they are added.
  await registerWeb(app, deps.webRoot === undefined ? defaultWebRoot() : deps.webRoot);
  await registerDocs(app);

  // Unknown routes (and known paths with another method) are 404, rate limited like the rest
  // so they cannot be used to probe the API without limit.
  // The message does not echo the URL: a mistyped path could carry anything.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, () => {
    throw new VigilError('not-found', 'No such resource or route.');
  });

  registerAuthentication(app, deps);

  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { deps, limits });
  for (const routes of [
    organizationRoutes,
    userRoutes,
    patientRoutes,
    patientStateRoutes,
    enrollmentRoutes,
    courseRoutes,
    infusionRoutes,
    infusionDayRoutes,
    labResultRoutes,
    fhirIngestRoutes,
    labImportRoutes,
    patientReportRoutes,
    alertRoutes,
    authorizationRoutes,
    auditRoutes,
    programRoutes,
    certificationRoutes,
    educationRoutes,
    courseAuthorizationRoutes,
    dispenseRoutes,
    adverseEventRoutes,
    statusFormRoutes,
    programOversightRoutes,
    cdsHookRoutes,
    fhirRoutes,
    remsEtasuRoutes,
    calendarRoutes,
  ]) {
    await app.register(routes, { deps });
  }
  return app;
}
