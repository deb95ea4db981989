import type { FastifyInstance } from 'fastify';
import { CommonErrors, MotlanError, PROBLEM_CONTENT_TYPE, toProblem } from '@motlan/errors';

/** A readiness check: resolves true when the dependency it names can serve now. */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * Longest one check is waited for (ms). A dependency that does not answer in this time is not
 * ready; a probe (Kubernetes' default timeoutSeconds is 1 s, ours is set above) never hangs on it.
 */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

/** What /ready found: the checks that decide it, and the details it reports beside them. */
export interface ReadinessReport {
  checks: Record<string, boolean>;
  details: Record<string, boolean>;
}

/**
 * The checks /ready runs, by name (`database`, `kafka`, ...). The app's own come from its settings;
 * the runtime adds the ones it owns (the broker) before it listens. A detail (`{ detail: true }`:
 * whether each consumer is in its group now) is reported but does not make the instance unready:
 * a rebalance takes every member of a group out of it at once, and an instance that left every
 * load balancer for it would stop serving reads it can serve.
 */
export class ReadinessChecks {
  readonly #checks = new Map<string, ReadinessCheck>();
  readonly #details = new Map<string, ReadinessCheck>();

  constructor(initial: Record<string, ReadinessCheck> = {}) {
    for (const [name, check] of Object.entries(initial)) this.add(name, check);
  }

  /** A check, or with `{ detail: true }` a detail; a detail may share a check's name. */
  add(name: string, check: ReadinessCheck, options: { detail?: boolean } = {}): void {
    (options.detail ? this.#details : this.#checks).set(name, check);
  }

  /** Every check's and detail's result by name; one that throws or overruns READINESS_CHECK_TIMEOUT_MS is false. */
  async run(): Promise<ReadinessReport> {
    const results = (checks: Map<string, ReadinessCheck>) =>
      Promise.all([...checks].map(async ([name, check]) => [name, await withinTimeout(check)] as const));
    const [checks, details] = await Promise.all([results(this.#checks), results(this.#details)]);
    return { checks: Object.fromEntries(checks), details: Object.fromEntries(details) };
  }
}

async function withinTimeout(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READINESS_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]).catch(() => false);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /ready: 200 `{ status: 'ready', checks, details? }` when every check passes, else 503
 * problem+json (MOTLAN_NOT_READY) whose detail names what is down, with `down`, `checks` and
 * `details` beside it. Liveness is /health's, which checks nothing: a process waiting for its
 * broker is alive, not ready.
 */
export function registerReadiness(app: FastifyInstance, checks: ReadinessChecks): void {
  app.get('/ready', { schema: { hide: true }, config: { public: true } }, async (_request, reply) => {
    const report = await checks.run();
    const details = Object.keys(report.details).length > 0 ? { details: report.details } : {};
    const down = Object.entries(report.checks)
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    if (down.length === 0) return reply.send({ status: 'ready', checks: report.checks, ...details });
    const error = new MotlanError(CommonErrors.notReady, `Not ready: ${down.join(', ')}`);
    return reply
      .status(503)
      .type(PROBLEM_CONTENT_TYPE)
      .send({ ...toProblem(error, '/ready'), down, checks: report.checks, ...details });
  });
}
