import type { FastifyInstance } from 'fastify';
import { CommonErrors, MotlanError, PROBLEM_CONTENT_TYPE, toProblem } from '@motlan/errors';

/** A readiness check: resolves true when the dependency it names can serve now. */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * Longest one check is waited for (ms). A dependency that does not answer in this time is not
 * ready; a probe (Kubernetes' default timeoutSeconds is 1 s, ours is set above) never hangs on it.
 */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

/**
 * The checks /ready runs, by name (`database`, `kafka`, `facts consumer`, ...). The app's own come
 * from its settings; the runtime adds the ones it owns (the broker, each consumer's membership)
 * before it listens.
 */
export class ReadinessChecks {
  readonly #checks = new Map<string, ReadinessCheck>();

  constructor(initial: Record<string, ReadinessCheck> = {}) {
    for (const [name, check] of Object.entries(initial)) this.add(name, check);
  }

  add(name: string, check: ReadinessCheck): void {
    this.#checks.set(name, check);
  }

  /** Every check's result by name; one that throws or overruns READINESS_CHECK_TIMEOUT_MS is false. */
  async run(): Promise<Record<string, boolean>> {
    return Object.fromEntries(
      await Promise.all(
        [...this.#checks].map(async ([name, check]) => [name, await withinTimeout(check)] as const),
      ),
    );
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
 * GET /ready: 200 `{ status: 'ready', checks }` when every check passes, else 503 problem+json
 * (MOTLAN_NOT_READY) whose detail names what is down, with `checks` beside it. Liveness is
 * /health's, which checks nothing: a process waiting for its broker is alive, not ready.
 */
export function registerReadiness(app: FastifyInstance, checks: ReadinessChecks): void {
  app.get('/ready', { schema: { hide: true }, config: { public: true } }, async (_request, reply) => {
    const results = await checks.run();
    const down = Object.entries(results)
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    if (down.length === 0) return reply.send({ status: 'ready', checks: results });
    const error = new MotlanError(CommonErrors.notReady, `Not ready: ${down.join(', ')}`);
    return reply
      .status(503)
      .type(PROBLEM_CONTENT_TYPE)
      .send({ ...toProblem(error, '/ready'), down, checks: results });
  });
}
