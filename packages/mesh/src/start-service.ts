import { programAt } from './program.ts';
import { waitUntilReady, type ReadinessOptions } from './readiness.ts';
import { spawnServiceProcess, type ServiceProcess, type ServiceProcessOptions } from './service-process.ts';

export type StartServiceOptions = Omit<ServiceProcessOptions, 'name' | 'program'> &
  ReadinessOptions & {
    /** Answers 200 once the process is ready (its /ready or /health). */
    readyUrl: string;
  } & (
    | { name: string; program: ServiceProcessOptions['program'] }
    /** A repository-relative entry point, e.g. `services/one-stop/src/main.ts` (see `programAt`). */
    | { name?: string; entry: string }
  );

/**
 * Spawns a program and resolves once `readyUrl` answers 200. When it exits first or is not ready
 * in time, it is stopped and the readiness error (naming its log file) is thrown.
 */
export async function startServiceProcess(options: StartServiceOptions): Promise<ServiceProcess> {
  const program = 'program' in options ? options.program : programAt(options.entry);
  const { readyUrl, timeoutMs, tls, intervalMs, ...spawnOptions } = options;
  const service = spawnServiceProcess({
    ...spawnOptions,
    name: options.name ?? program.folder.split('/').pop()!,
    program,
  });
  try {
    await waitUntilReady(service, readyUrl, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(tls ? { tls } : {}),
      ...(intervalMs === undefined ? {} : { intervalMs }),
    });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}
