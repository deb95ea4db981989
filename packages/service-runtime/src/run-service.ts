import { createLogger, type Logger } from '@motlan/logger';
import type { RuntimeSettings, ServiceApp, ServiceDefinition } from './service-definition.ts';
import { MigrationsComplete } from './service-deps.ts';
import { DEFAULT_DRAIN_MS, ServiceRuntime, type RuntimeOptions } from './service-runtime.ts';

/** Beyond the drain budget, the process is ended whatever still runs. */
const EXIT_MARGIN_MS = 2_000;

export interface StopOnSignalsOptions {
  /** The drain budget: past it (and a short margin) the process exits 1 whatever still runs. */
  budgetMs?: number;
  /** Whether the process ends in failure although `stop` resolved (a start that failed meanwhile). */
  failed?: () => boolean;
}

/**
 * On the first SIGTERM or SIGINT: `stop`, then exit 0 — or 1 when it rejects or overruns the
 * budget. Later signals are logged and ignored: Ctrl-C in `pnpm start` sends SIGINT to every
 * process of the group and the supervisor then sends SIGTERM, and neither may cut the drain short
 * (close-with-grace, whose shape this follows, exits at once on a second signal; here the budget
 * bounds the drain instead).
 */
export function stopOnSignals(
  logger: () => Logger,
  stop: () => Promise<void>,
  options: StopOnSignalsOptions = {},
): void {
  const budgetMs = options.budgetMs ?? DEFAULT_DRAIN_MS;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger().info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger().info({ signal }, 'shutting down');
    setTimeout(() => {
      logger().error({ budgetMs }, 'shutdown overran its budget; exiting');
      process.exit(1);
    }, budgetMs + EXIT_MARGIN_MS).unref();
    stop().then(
      () => process.exit(options.failed?.() ? 1 : 0),
      (error: unknown) => {
        logger().error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * A process's main: runs the definition through init and start, and stops it on the first
 * SIGTERM or SIGINT (stopOnSignals). A failed start is logged, what had been opened is closed, and
 * the process exits 1. With `migrate` as its first argument (`node <service>/dist/main.js
 * migrate`) it only migrates the service's schema and exits 0 (1 when that fails).
 */
export async function runService<C extends RuntimeSettings, D extends object, A extends ServiceApp>(
  definition: ServiceDefinition<C, D, A>,
  options: RuntimeOptions = {},
): Promise<ServiceRuntime<C, D, A>> {
  const task = options.task ?? (process.argv[2] === 'migrate' ? 'migrate' : 'serve');
  const runtime = new ServiceRuntime(definition, { ...options, task });
  const logger = (): Logger =>
    runtime.logger ?? options.logger ?? createLogger({ name: definition.name, level: 'info' });
  stopOnSignals(logger, () => runtime.stop(), {
    budgetMs: options.drainTimeoutMs ?? definition.drainTimeoutMs ?? DEFAULT_DRAIN_MS,
    failed: () => runtime.status === 'failed',
  });
  try {
    await runtime.start();
  } catch (error) {
    if (error instanceof MigrationsComplete) {
      logger().info({ applied: error.applied }, `${definition.name}: schema migrated; exiting`);
      process.exit(0);
    }
    // The runtime closed what it had opened; a signal's stop, if any, has nothing left to do.
    logger().fatal({ err: error }, `${definition.name} could not start`);
    process.exit(1);
  }
  return runtime;
}
