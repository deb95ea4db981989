import { createLogger, type Logger } from '@motlan/logger';
import type { RuntimeSettings, ServiceApp, ServiceDefinition } from './service-definition.ts';
import { ServiceRuntime, type RuntimeOptions } from './service-runtime.ts';

/** Beyond the drain budget, the process is ended whatever still runs. */
const EXIT_MARGIN_MS = 2_000;

/**
 * A process's main: runs the definition through init and start, and on the first SIGTERM or
 * SIGINT drains and exits — 0 when everything closed, 1 when a step failed or overran the budget.
 * A failed start is logged, what had been opened is closed, and the process exits 1. Later signals
 * are logged and ignored: Ctrl-C in `pnpm start` sends SIGINT to every process of the group and
 * the supervisor then sends SIGTERM, and neither may cut the drain short (close-with-grace, whose
 * shape this follows, exits at once on a second signal; here the drain budget bounds it instead).
 */
export async function runService<C extends RuntimeSettings, D extends object, A extends ServiceApp>(
  definition: ServiceDefinition<C, D, A>,
  options: RuntimeOptions = {},
): Promise<ServiceRuntime<C, D, A>> {
  const runtime = new ServiceRuntime(definition, options);
  const logger = (): Logger =>
    runtime.logger ?? options.logger ?? createLogger({ name: definition.name, level: 'info' });
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger().info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger().info({ signal }, 'shutting down');
    const budget = options.drainTimeoutMs ?? definition.drainTimeoutMs ?? 10_000;
    setTimeout(() => {
      logger().error({ budgetMs: budget }, 'shutdown overran its budget; exiting');
      process.exit(1);
    }, budget + EXIT_MARGIN_MS).unref();
    runtime.stop().then(
      () => process.exit(runtime.status === 'failed' ? 1 : 0),
      (error: unknown) => {
        logger().error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    await runtime.start();
  } catch (error) {
    // The runtime closed what it had opened; a signal's stop, if any, has nothing left to do.
    logger().fatal({ err: error }, `${definition.name} could not start`);
    process.exit(1);
  }
  return runtime;
}
