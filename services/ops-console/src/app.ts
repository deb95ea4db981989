import { AuditRelay, AuditTrail, httpsServerOptions } from '@motlan/access';
import { buildHttpApp, type HttpApp } from '@motlan/http';
import type { OperatorContext } from '@motlan/ops-cli';
import type { ServiceDeps } from '@motlan/service-runtime';
import { registerAssets } from './assets.ts';
import { consoleDoor, redirectToSignIn, requireSameOrigin } from './auth/console-door.ts';
import { Sessions } from './auth/sessions.ts';
import { registerSignInRoutes } from './auth/sign-in-routes.ts';
import { pairs, type Config } from './config.ts';
import { LagSampler } from './lag-sampler.ts';
import { consolePages, type ConsoleContext } from './pages/index.ts';
import { Upstream } from './upstream.ts';

export const VERSION = '0.1.0';

export interface ConsoleApp {
  http: HttpApp;
  trail: AuditTrail;
  relay: AuditRelay;
  /** Samples consumer lag for the chart (a worker). */
  lag: LagSampler;
  sessions: Sessions;
}

/**
 * Wires the console: https with the development CA (a client certificate is asked for, not
 * required: operators sign in with a token, or present an operator certificate), the door
 * (auth/console-door.ts), sign-in, every page of pages/index.ts, the audit trail in its own
 * schema. Reads Kafka as `ops-console` through ops-cli's commands. Never listens.
 */
export async function buildApp(config: Config, deps: ServiceDeps): Promise<ConsoleApp> {
  const sessions = new Sessions(
    new Map(pairs(config.OPS_CONSOLE_OPERATOR_TOKENS, ':')),
    config.OPS_CONSOLE_SESSION_MINUTES * 60_000,
  );
  const operatorCerts = new Set(config.OPS_CONSOLE_OPERATOR_CERTS.split(',').filter(Boolean));
  const http = await buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    https: httpsServerOptions(deps.tls),
    authenticate: consoleDoor(sessions, operatorCerts),
    openapi: {
      title: 'Motlan operators console',
      version: VERSION,
      description:
        "The operators' console: its JSON routes (the pages are HTML). Sign in at /sign-in with an operator token " +
        "(a session cookie), or present an operator certificate; POSTs must carry the console's Origin.",
    },
    readiness: { database: async () => (await deps.pool.query('SELECT 1')).rowCount === 1 },
  });
  http.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  requireSameOrigin(http);
  redirectToSignIn(http);
  registerAssets(http);
  registerSignInRoutes(http, sessions);

  const trail = new AuditTrail(deps.pool, 'ops-console');
  const relay = new AuditRelay(deps.pool, deps.producer, 'ops-console', deps.logger, {
    links: deps.auditTopic,
    anchors: deps.auditAnchorsTopic,
  });
  const ops: OperatorContext = {
    kafka: deps.kafka,
    config,
    prefix: config.KAFKA_TOPIC_PREFIX,
    readerGroup: 'ops-console-',
  };
  const lag = new LagSampler(ops, config.OPS_CONSOLE_LAG_SAMPLE_MS, deps.logger);
  const context: ConsoleContext = {
    config,
    ops,
    env: {
      DATABASE_URL: config.DATABASE_URL,
      FACT_REGISTRY_SCHEMA: config.FACT_REGISTRY_SCHEMA,
      ONE_STOP_SCHEMA: config.ONE_STOP_SCHEMA,
    },
    trail,
    upstream: new Upstream(deps.tls),
    lag,
    nav: consolePages.map(({ path, title }) => ({ path, title })),
  };
  for (const page of consolePages) page.register(http, context);
  return { http, trail, relay, lag, sessions };
}
