import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { Type } from 'typebox';
import type { HttpApp } from '@motlan/http';
import { createLogger } from '@motlan/logger';
import { buildSimulatorHttpApp } from '../src/index.ts';

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
});

describe('simulator http app', () => {
  it('is ready while the pool answers, and holds the shared schemas', async () => {
    let up = true;
    const pool = {
      query: async () => {
        if (!up) throw new Error('database down');
        return { rows: [] };
      },
    } as never;
    app = await buildSimulatorHttpApp({
      pool,
      logger: createLogger({ name: 'simulator-kit-test', level: 'silent' }),
      registry: new Registry(),
      openapi: { title: 'Test simulator', version: '1.0.0', description: 'for tests' },
      schemas: [Type.Object({ Ma: Type.String() }, { $id: 'TestRecord' })],
    });
    app.get('/record', { schema: { response: { 200: Type.Ref('TestRecord') } } }, async () => ({ Ma: '01' }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/record' })).json()).toEqual({ Ma: '01' });
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    up = false;
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);
  });
});
