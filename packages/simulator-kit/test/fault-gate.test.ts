import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { FaultInjector, faultGate } from '../src/index.ts';
import { INVALID_FAULTS } from './helpers.ts';

const invalid = INVALID_FAULTS;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
});

describe('fault gate', () => {
  it("answers 503 with the simulator's own body on outage and failure, delays otherwise, and counts each kind", async () => {
    const registry = new Registry();
    const faults = new FaultInjector({ invalid, random: () => 0.5 });
    const gate = faultGate({ faults, registry, metricPrefix: 'test', calls: '/api' });
    app = Fastify();
    app.addHook('onRequest', async (_request, reply) => gate(reply, { Loi: 'TAM_NGUNG' }));
    app.get('/api/x', async () => ({ ok: true }));

    expect((await app.inject({ url: '/api/x' })).json()).toEqual({ ok: true });

    faults.update({ outage: true });
    const outage = await app.inject({ url: '/api/x' });
    expect([outage.statusCode, outage.json()]).toEqual([503, { Loi: 'TAM_NGUNG' }]);

    faults.update({ outage: false, errorRate: 0.6, latencyMs: { min: 40, max: 40 } });
    const started = performance.now();
    const failed = await app.inject({ url: '/api/x' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect([failed.statusCode, failed.json()]).toEqual([503, { Loi: 'TAM_NGUNG' }]);

    const metric = await registry.getSingleMetricAsString('test_sim_faults_injected_total');
    expect(metric).toContain('Faults the simulator injected into /api calls, by kind');
    for (const kind of ['outage', 'latency', 'error']) {
      expect(metric).toContain(`test_sim_faults_injected_total{kind="${kind}"} 1`);
    }
  });
});
