import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { buildHttpApp, type HttpApp } from '@motlan/http';
import { createLogger } from '@motlan/logger';
import { FaultInjector, faultRoutes, NO_FAULTS } from '../src/index.ts';
import { INVALID_FAULTS } from './helpers.ts';

const invalid = INVALID_FAULTS;

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
});

async function adminApp(faults: FaultInjector): Promise<HttpApp> {
  const built = await buildHttpApp({
    logger: createLogger({ name: 'simulator-kit-test', level: 'silent' }),
    registry: new Registry(),
    openapi: { title: 'Test simulator', version: '1.0.0', description: 'for tests' },
  });
  await built.register(faultRoutes, { faults, calls: '/api' });
  await built.ready();
  return built;
}

describe('fault admin routes', () => {
  it('read, update in part, refuse bad updates unchanged, reset, and document the calls faulted', async () => {
    const faults = new FaultInjector({ invalid });
    app = await adminApp(faults);
    expect((await app.inject({ method: 'GET', url: '/admin/faults' })).json()).toEqual(NO_FAULTS);

    const updated = await app.inject({
      method: 'PUT',
      url: '/admin/faults',
      payload: { latencyMs: { min: 5, max: 10 }, errorRate: 0.25 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toEqual({ latencyMs: { min: 5, max: 10 }, errorRate: 0.25, outage: false });
    expect(faults.current.errorRate).toBe(0.25);

    const inverted = await app.inject({
      method: 'PUT',
      url: '/admin/faults',
      payload: { latencyMs: { min: 50 } },
    });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.headers['content-type']).toContain('application/problem+json');
    expect(inverted.json()).toMatchObject({ code: 'TEST_SIM_INVALID_FAULTS' });
    for (const payload of [{ errorRate: 2 }, { outrage: true }, { latencyMs: { max: 120_001 } }]) {
      expect((await app.inject({ method: 'PUT', url: '/admin/faults', payload })).statusCode).toBe(400);
    }
    expect(faults.current).toEqual({ latencyMs: { min: 5, max: 10 }, errorRate: 0.25, outage: false });

    const reset = await app.inject({ method: 'POST', url: '/admin/reset-faults' });
    expect(reset.json()).toEqual(NO_FAULTS);
    expect(faults.current).toEqual(NO_FAULTS);

    const docs = JSON.stringify(app.swagger());
    expect(docs).toContain('Faults applied to every /api call');
    expect(docs).toContain('Share of /api calls answering 503');
  });
});
