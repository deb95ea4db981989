import { freePort, startServiceProcess, type ServiceProcess } from '../src/index.ts';

/** The fixture as a program of the mesh. */
export const TINY_SERVICE = { folder: 'packages/mesh/test/fixtures', entry: 'tiny-service.ts' };

/** Starts the fixture on a free port with these settings and waits for its /ready. */
export async function startTiny(
  env: Record<string, string>,
  options: { name?: string; timeoutMs?: number; port?: number } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  return startServiceProcess({
    name: options.name ?? 'tiny',
    program: TINY_SERVICE,
    env: { PORT: String(port), ...env },
    readyUrl: `http://127.0.0.1:${port}/ready`,
    timeoutMs: options.timeoutMs ?? 30_000,
    intervalMs: 50,
  });
}
