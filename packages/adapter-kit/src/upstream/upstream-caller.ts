import type { Registry } from 'prom-client';
import { CommonErrors, isMotlanError, MotlanError } from '@motlan/errors';
import { createBreaker, type Breaker, type BreakerState } from '@motlan/resilience';
import type { CallContext } from '../contract.ts';

export interface UpstreamCallerSettings {
  /** The upstream's name in metrics and errors. */
  name: string;
  /** Longest a single attempt may take, even when the caller's deadline is further away. */
  attemptTimeoutMs: number;
  /** Extra attempts for retryable failures, as long as the deadline allows. */
  retries: number;
  breakerResetMs: number;
  registry?: Registry;
  onStateChange?: (state: BreakerState) => void;
}

export interface UpstreamCaller {
  /** Runs `work` through the breaker, within the caller's deadline, retrying retryable failures. */
  call<T>(context: CallContext, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  readonly state: BreakerState;
  shutdown(): void;
}

/**
 * Every upstream call goes through here: one breaker per upstream (fail fast while it is down,
 * probe and recover on its own), a deadline on every attempt, and retries only for failures that
 * say retrying can help — never past the caller's deadline, never while the breaker is open.
 */
export function createUpstreamCaller(settings: UpstreamCallerSettings): UpstreamCaller {
  const breaker: Breaker<[() => Promise<unknown>], unknown> = createBreaker((work) => work(), {
    name: settings.name,
    // The AbortSignal ends each attempt on time; the breaker's own timeout is a backstop.
    timeoutMs: settings.attemptTimeoutMs + 250,
    resetTimeoutMs: settings.breakerResetMs,
    volumeThreshold: 5,
    errorThresholdPercentage: 50,
    rollingCountTimeoutMs: 10_000,
    ...(settings.registry ? { registry: settings.registry } : {}),
    ...(settings.onStateChange ? { onStateChange: settings.onStateChange } : {}),
  });

  return {
    get state() {
      return breaker.state;
    },
    shutdown: () => breaker.shutdown(),
    async call<T>(context: CallContext, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
      for (let attempt = 0; ; attempt += 1) {
        const remaining = context.deadline - Date.now();
        if (remaining <= 0) {
          throw new MotlanError(CommonErrors.deadlineExceeded, `${settings.name}: deadline passed`);
        }
        const signal = AbortSignal.any([
          AbortSignal.timeout(Math.min(remaining, settings.attemptTimeoutMs)),
          ...(context.signal ? [context.signal] : []),
        ]);
        try {
          return (await breaker.fire(() => work(signal))) as T;
        } catch (error) {
          const retryable = isMotlanError(error) && error.canRetry;
          const backoff = Math.min(50 * 2 ** attempt, 1_000);
          const timeLeft = context.deadline - Date.now() > backoff + 10;
          if (!retryable || attempt >= settings.retries || breaker.state === 'open' || !timeLeft) throw error;
          await new Promise((resolve) => setTimeout(resolve, backoff));
        }
      }
    },
  };
}
