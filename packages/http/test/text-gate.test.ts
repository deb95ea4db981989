import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger } from '@motlan/logger';
import { buildHttpApp, problemResponses, Type, type HttpApp } from '../src/index.ts';

const NGUYEN_NFD = 'Nguyễn'.normalize('NFD');

async function echoApp(textGate?: boolean): Promise<{ app: HttpApp; seen: unknown[] }> {
  const seen: unknown[] = [];
  const app = await buildHttpApp({
    logger: createLogger({ name: 'text-gate-test', level: 'silent' }),
    registry: new Registry(),
    openapi: { title: 'Test service', version: '1.0.0', description: 'for tests' },
    ...(textGate === undefined ? {} : { textGate }),
  });
  app.post(
    '/things/:name',
    {
      config: { multilineText: ['notes'] },
      schema: {
        params: Type.Object({ name: Type.String() }),
        querystring: Type.Object({ q: Type.Optional(Type.String()) }),
        body: Type.Object({ name: Type.String(), notes: Type.Optional(Type.Array(Type.String())) }),
        response: { 200: Type.Unknown(), ...problemResponses },
      },
    },
    async (request) => {
      const echoed = { params: request.params, query: { ...request.query }, body: request.body };
      seen.push(echoed);
      return echoed;
    },
  );
  await app.ready();
  return { app, seen };
}

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
});

describe('the text gate', () => {
  it('hands the route every string composed to NFC, keeping line breaks in the free text it declares', async () => {
    const built = await echoApp();
    app = built.app;
    const response = await app.inject({
      method: 'POST',
      url: `/things/${encodeURIComponent(NGUYEN_NFD)}?q=${encodeURIComponent(NGUYEN_NFD)}`,
      payload: { name: NGUYEN_NFD, notes: ['line one\nline two\twith a tab'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      params: { name: 'Nguyễn' },
      query: { q: 'Nguyễn' },
      body: { name: 'Nguyễn', notes: ['line one\nline two\twith a tab'] },
    });
  });

  it.each([
    ['U+0000 in the body', '/things/x', { name: 'An\u0000' }, 'body.name', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
    [
      'a TAB in a single-line body string (a name)',
      '/things/x',
      { name: 'Nguyễn\tVăn An' },
      'body.name',
      'MOTLAN_TEXT_CONTROL_CHARACTER',
    ],
    [
      'BEL deep in the body',
      '/things/x',
      { name: 'a', notes: ['ok', '\u0007'] },
      'body.notes.1',
      'MOTLAN_TEXT_CONTROL_CHARACTER',
    ],
    [
      'a ZWJ in the query',
      `/things/x?q=${encodeURIComponent('a\u200db')}`,
      { name: 'a' },
      'querystring.q',
      'MOTLAN_TEXT_INVISIBLE_CHARACTER',
    ],
    [
      'a LF in a path parameter',
      `/things/${encodeURIComponent('a\nb')}`,
      { name: 'a' },
      'params.name',
      'MOTLAN_TEXT_CONTROL_CHARACTER',
    ],
    [
      'an RLO in a property name',
      '/things/x',
      { name: 'a', ['\u202ex']: 1 },
      'body.\u202ex',
      'MOTLAN_TEXT_INVISIBLE_CHARACTER',
    ],
  ])(
    'refuses %s with a 400 naming the field, and the route never runs',
    async (_name, url, payload, field, code) => {
      const built = await echoApp();
      app = built.app;
      const response = await app.inject({ method: 'POST', url, payload });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 400, code, field, canRetry: false });
      expect(built.seen).toEqual([]);
    },
  );

  it('refuses an unpaired surrogate sent as a JSON escape', async () => {
    const built = await echoApp();
    app = built.app;
    const response = await app.inject({
      method: 'POST',
      url: '/things/x',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"An\\ud800"}',
    });
    expect(response.json()).toMatchObject({ code: 'MOTLAN_TEXT_UNPAIRED_SURROGATE', field: 'body.name' });
  });

  it('is off only when an app asks (a simulator of a system we do not own)', async () => {
    const built = await echoApp(false);
    app = built.app;
    const response = await app.inject({ method: 'POST', url: '/things/x', payload: { name: 'An\u0007' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().body.name).toBe('An\u0007');
  });
});
