import { MotlanError } from '@motlan/errors';
import type { SimulatorAdmin } from '../descriptor.ts';
import { ConformanceErrors } from '../errors.ts';

/** The admin API of a simulator at `url` (unsigned: the simulator-kit's controls, not the upstream's API). */
export function simulatorAdmin(url: string): SimulatorAdmin {
  return {
    url,
    async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
      const response = await fetch(url + path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (!response.ok)
        throw new MotlanError(
          ConformanceErrors.simulatorRefused,
          `${method} ${url}${path} answered ${response.status}: ${text.slice(0, 300)}`,
        );
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}
