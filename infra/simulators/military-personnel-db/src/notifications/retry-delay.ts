/** How long the subscriber waits before reconnecting: doubling from `initialMs`, at most `maxMs`. */
export interface RetrySettings {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { initialMs: 500, maxMs: 30_000 };

/**
 * The wait (ms) before reconnection attempt `attempt` (0 for the first after a failure), with
 * up to a fifth taken off at random (`random` in [0, 1)) so that subscribers cut off together
 * do not all come back in the same instant.
 */
export function retryDelay(attempt: number, settings: RetrySettings, random = Math.random()): number {
  const full = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(full * (1 - random / 5));
}
