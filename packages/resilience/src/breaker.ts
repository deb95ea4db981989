import CircuitBreaker from 'opossum';
import { Counter, Gauge, type Registry } from 'prom-client';
import { CommonErrors, isMotlanError, MotlanError } from '@motlan/errors';

export type BreakerState = 'closed' | 'half_open' | 'open';
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface BreakerSettings {
  /** Names the breaker in metrics and logs, e.g. `national-population-db`. */
  name: string;
  /** Per-call time limit; a slower call counts as a failure. */
  timeoutMs: number;
  /** Failure percentage within the rolling window that opens the breaker. */
  errorThresholdPercentage?: number;
  /** How long the breaker stays open before letting one trial call through. */
  resetTimeoutMs?: number;
  rollingCountTimeoutMs?: number;
  /** Calls in the window before the threshold is judged, so one early failure does not open it. */
  volumeThreshold?: number;
  registry?: Registry;
  onStateChange?: (state: BreakerState) => void;
}

export interface Breaker<A extends unknown[], R> {
  /** Calls through the breaker; rejects with MOTLAN_UNAVAILABLE when open, DEADLINE on timeout. */
  fire(...args: A): Promise<R>;
  readonly state: BreakerState;
  shutdown(): void;
}

interface BreakerMetrics {
  state: Gauge<'breaker'>;
  events: Counter<'breaker' | 'event'>;
}
const metricsByRegistry = new WeakMap<Registry, BreakerMetrics>();

function breakerMetrics(registry: Registry): BreakerMetrics {
  let metrics = metricsByRegistry.get(registry);
  if (!metrics) {
    metrics = {
      state: new Gauge({
        name: 'motlan_breaker_state',
        help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open',
        labelNames: ['breaker'],
        registers: [registry],
      }),
      events: new Counter({
        name: 'motlan_breaker_events_total',
        help: 'Circuit breaker events (success, failure, timeout, reject, open, close, halfOpen)',
        labelNames: ['breaker', 'event'],
        registers: [registry],
      }),
    };
    metricsByRegistry.set(registry, metrics);
  }
  return metrics;
}

/**
 * An opossum breaker around an async function. Errors that say retrying cannot help (a
 * MotlanError with canRetry=false, such as "not found") pass through without counting
 * against the upstream's health.
 */
export function createBreaker<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  settings: BreakerSettings,
): Breaker<A, R> {
  const breaker = new CircuitBreaker(action, {
    name: settings.name,
    timeout: settings.timeoutMs,
    errorThresholdPercentage: settings.errorThresholdPercentage ?? 50,
    resetTimeout: settings.resetTimeoutMs ?? 5_000,
    rollingCountTimeout: settings.rollingCountTimeoutMs ?? 10_000,
    volumeThreshold: settings.volumeThreshold ?? 5,
    errorFilter: (error: unknown) => isMotlanError(error) && !error.canRetry,
  });
  let state: BreakerState = 'closed';
  const metrics = settings.registry ? breakerMetrics(settings.registry) : undefined;
  const label = { breaker: settings.name };
  const setState = (next: BreakerState) => {
    state = next;
    metrics?.state.set(label, STATE_VALUE[next]);
    settings.onStateChange?.(next);
  };
  metrics?.state.set(label, 0);
  breaker.on('open', () => setState('open'));
  breaker.on('halfOpen', () => setState('half_open'));
  breaker.on('close', () => setState('closed'));
  for (const event of ['success', 'failure', 'timeout', 'reject', 'open', 'close', 'halfOpen'] as const) {
    (breaker as unknown as NodeJS.EventEmitter).on(event, () => metrics?.events.inc({ ...label, event }));
  }

  return {
    get state() {
      return state;
    },
    async fire(...args: A): Promise<R> {
      try {
        return (await breaker.fire(...args)) as R;
      } catch (error) {
        throw translate(error, settings.name);
      }
    },
    shutdown: () => breaker.shutdown(),
  };
}

function translate(error: unknown, name: string): unknown {
  if (isMotlanError(error)) return error;
  const code = (error as { code?: string }).code;
  if (code === 'EOPENBREAKER') {
    return new MotlanError(CommonErrors.unavailable, `${name} is unavailable (circuit open)`, {
      cause: error,
      meta: { breaker: name },
    });
  }
  if (code === 'ETIMEDOUT') {
    return new MotlanError(CommonErrors.deadlineExceeded, `${name} did not answer in time`, {
      cause: error,
      meta: { breaker: name },
    });
  }
  return new MotlanError(CommonErrors.unavailable, `${name} failed: ${(error as Error).message}`, {
    cause: error,
  });
}
