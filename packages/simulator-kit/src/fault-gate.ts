import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { FaultInjector } from './faults.ts';

export interface FaultGateOptions {
  faults: FaultInjector;
  /** Where `<metricPrefix>_sim_faults_injected_total{kind}` (outage, latency, error) is registered. */
  registry: Registry;
  /** The simulator's metric prefix, e.g. `npdb`. */
  metricPrefix: string;
  /** Which calls are faulted, for the metric's help: e.g. `/api` or `upstream`. */
  calls: string;
}

/**
 * Applies the injector's decision to one call, in a simulator's onRequest hook: an outage or a
 * failed call answers 503 with `unavailable` (the upstream's own error body) and resolves with
 * the reply; otherwise it waits the drawn latency and resolves undefined (the call goes on).
 */
export type FaultGate = (reply: FastifyReply, unavailable: unknown) => Promise<FastifyReply | undefined>;

export function faultGate(options: FaultGateOptions): FaultGate {
  const injected = new Counter({
    name: `${options.metricPrefix}_sim_faults_injected_total`,
    help: `Faults the simulator injected into ${options.calls} calls, by kind`,
    labelNames: ['kind'],
    registers: [options.registry],
  });
  return async (reply, unavailable) => {
    const decision = options.faults.decide();
    if (decision.kind === 'outage') {
      injected.inc({ kind: 'outage' });
      return reply.code(503).send(unavailable);
    }
    if (decision.delayMs > 0) {
      injected.inc({ kind: 'latency' });
      await sleep(decision.delayMs);
    }
    if (decision.fail) {
      injected.inc({ kind: 'error' });
      return reply.code(503).send(unavailable);
    }
    return undefined;
  };
}
