import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerOptions as HttpsOptions } from 'node:https';
import { Histogram, type Registry } from 'prom-client';
import type { Logger } from '@motlan/logger';
import { registerClosingAnswer } from './closing.ts';
import { answerClientError, answerFrameworkError } from './framework-errors.ts';
import { RouteTable } from './method-not-allowed.ts';
import { documentProblems } from './problem-docs.ts';
import { registerProblemHandler } from './problem-handler.ts';
import { ReadinessChecks, registerReadiness, type ReadinessCheck } from './readiness.ts';
import { requestIdFor } from './request-id.ts';
import { registerRequestLog } from './request-log.ts';
import { ProblemSchema } from './schemas.ts';
import { registerTextGate } from './text-gate.ts';
import { registerTraceSpans } from './trace-spans.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to callers without a client certificate (operations, documentation, public catalogs). */
    public?: boolean;
    /**
     * Body properties holding free text written over several lines (reasons, comments), whose
     * strings may hold TAB, LF and CR; every other request string is single-line (text-gate.ts).
     */
    multilineText?: readonly string[];
  }
}

function createFastify(logger: Logger, https?: HttpsOptions) {
  return Fastify({
    // Typed as Fastify's base logger so plugins and handlers take the app without casts.
    loggerInstance: logger as FastifyBaseLogger,
    // With TLS options the app is served over https (`requestCert` asks for client certificates).
    // The cast keeps one app type for http and https: routes do not depend on the transport.
    ...(https ? { https: https as unknown as null } : {}),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    genReqId: requestIdFor,
    // One line per request instead of Fastify's two, with the route template and never the path
    // (request-log.ts); the request id bound to every line of the request as `requestId`.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // Errors before a route is found, and Node's parser errors, as problem+json (framework-errors.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Requests on kept-alive connections during a close get our problem+json 503 (closing.ts).
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
}

/**
 * The app every service builds its routes on (TypeBox-typed), with the checks its /ready runs
 * (`readiness.add(name, check)` before it listens).
 */
export type HttpApp = ReturnType<typeof createFastify> & { readiness: ReadinessChecks };

export interface HttpAppSettings {
  logger: Logger;
  registry: Registry;
  openapi: { title: string; version: string; description: string };
  /** TLS settings (key, cert, ca, requestCert, rejectUnauthorized) to serve over https. */
  https?: HttpsOptions;
  /** Readiness checks by name; /ready answers 503 problem+json naming each that fails (readiness.ts). */
  readiness?: Record<string, ReadinessCheck>;
  /**
   * The one door: run on every request to a route not declared `config: { public: true }`,
   * before its body is parsed or validated; throws (e.g. 401) to refuse the caller, returns the
   * caller's identity (the request log names it). Without it every route is open.
   */
  authenticate?: (request: FastifyRequest) => string | void;
  /**
   * Whether every request string goes through the text gate (registerTextGate); default on. Off
   * only for a simulator standing in for a system we do not own, which stores input as it comes.
   */
  textGate?: boolean;
}

/**
 * A Fastify app with what every Motlan REST service has: OpenAPI 3 at /openapi.json and Swagger
 * UI at /docs, /health (liveness) and /ready (readiness.ts), Prometheus /metrics, request
 * metrics, problem+json errors (a 503 to requests that arrive while it closes: closing.ts), and
 * every request string validated and composed to NFC (text-gate.ts).
 * It never listens; main.ts does, and tests use inject().
 */
export async function buildHttpApp(settings: HttpAppSettings): Promise<HttpApp> {
  const app = createFastify(settings.logger, settings.https);
  // First of the onRequest hooks: a request refused because the app closes runs nothing else.
  registerClosingAnswer(app);
  registerTraceSpans(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: settings.openapi,
      components: {},
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (json['$id'] as string) ?? `def-${index}`,
    },
  });
  // Swagger UI's own routes are documentation: public, like the operational routes below.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addSchema(ProblemSchema);
  const { authenticate } = settings;
  documentProblems(app, { authenticated: authenticate !== undefined });
  registerProblemHandler(app, RouteTable.of(app));
  if (settings.textGate !== false) registerTextGate(app);
  registerRequestMetrics(app, settings.registry);
  registerRequestLog(app);

  if (authenticate) {
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public === true || request.is404) return;
      request.callerIdentity = authenticate(request) ?? undefined;
    });
  }

  const ops = { schema: { hide: true }, config: { public: true } } as const;
  app.get('/openapi.json', ops, async () => app.swagger());
  app.get('/health', ops, async () => ({ status: 'ok' }));
  const readiness = new ReadinessChecks(settings.readiness);
  registerReadiness(app, readiness);
  app.get('/metrics', ops, async (_request, reply) =>
    reply.type(settings.registry.contentType).send(await settings.registry.metrics()),
  );
  return Object.assign(app, { readiness });
}

function registerRequestMetrics(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'motlan_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
