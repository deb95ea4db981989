import { request as httpsRequest } from 'node:https';
import { MotlanError } from '@motlan/errors';
import { MeshErrors } from './errors.ts';
import { describeExit, type ServiceExit, type ServiceProcess } from './service-process.ts';

/** TLS for an https readiness URL: the CA to trust and, where the service asks, a client certificate (PEM). */
export interface ReadinessTls {
  ca?: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
}

/** The status of a GET, or 0 while nothing answers; `tls` applies to https URLs. */
export function httpStatus(url: string, tls?: ReadinessTls, timeoutMs = 2_000): Promise<number> {
  if (!url.startsWith('https:')) {
    return fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
  }
  return new Promise((resolve) => {
    const request = httpsRequest(url, { ...tls, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
    request.end();
  });
}

export interface ReadinessOptions {
  /** How long to wait for a 200, in ms (default 60 s). */
  timeoutMs?: number;
  tls?: ReadinessTls;
  /** Pause between two polls, in ms (default 250). */
  intervalMs?: number;
}

function lastLines(service: ServiceProcess): string {
  const tail = service.tail();
  return tail.length > 0 ? `\nits last lines:\n${tail.join('\n')}` : '';
}

/**
 * Polls `url` until it answers 200. Throws MOTLAN_SERVICE_EXITED as soon as the process exits
 * first, MOTLAN_SERVICE_NOT_READY after `timeoutMs`; both name the log file and quote its last
 * lines. The process is left as it is (the caller decides whether to stop it).
 */
export async function waitUntilReady(
  service: ServiceProcess,
  url: string,
  options: ReadinessOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let exit: ServiceExit | undefined;
  void service.exited.then((ended) => (exit = ended));
  for (;;) {
    if (exit) {
      throw new MotlanError(
        MeshErrors.serviceExited,
        `${describeExit(service.name, exit)} before ${url} answered (log: ${service.logFile})${lastLines(service)}`,
        { meta: { service: service.name, logFile: service.logFile } },
      );
    }
    if ((await httpStatus(url, options.tls)) === 200) return;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
  throw new MotlanError(
    MeshErrors.serviceNotReady,
    `${service.name} (pid ${service.pid}) did not answer ${url} with 200 within ${timeoutMs} ms (log: ${service.logFile})${lastLines(service)}`,
    { meta: { service: service.name, logFile: service.logFile } },
  );
}
