import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger } from '@motlan/logger';
import { buildHttpApp, problemResponses, Type, type HttpApp } from '../src/index.ts';

function logCapture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'http-test', destination, level: 'info' }) };
}

async function appWithRoute(logger = createLogger({ name: 'http-test', level: 'silent' })): Promise<HttpApp> {
  const app = await buildHttpApp({
    logger,
    registry: new Registry(),
    openapi: { title: 'Test service', version: '1.0.0', description: 'for tests' },
    readiness: { database: async () => true },
  });
  app.post(
    '/citizens/:personalId/notes',
    {
      schema: {
        params: Type.Object({ personalId: Type.String({ pattern: '^\\d{12}$' }) }),
        body: Type.Object(
          { text: Type.String({ minLength: 1 }), priority: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ accepted: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      request.log.info({ personalId: request.params.personalId }, 'note accepted');
      return reply.status(201).send({ accepted: true });
    },
  );
  await app.ready();
  return app;
}

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
});

describe('buildHttpApp', () => {
  it('serves an OpenAPI 3 document with the routes and the Problem schema', async () => {
    app = await appWithRoute();
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Test service');
    expect(Object.keys(document.paths)).toContain('/citizens/{personalId}/notes');
    expect(document.components.schemas.Problem.properties.code).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers a bad body with a problem+json 400 naming the failing field', async () => {
    app = await appWithRoute();
    const response = await app.inject({
      method: 'POST',
      url: '/citizens/001099012345/notes',
      payload: { text: 'hello', priority: 0 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({
      status: 400,
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'body.priority',
      canRetry: false,
    });
    expect(problem.detail).toContain('body.priority must be >= 1');
    expect(problem.type).toMatch(/^https:\/\//);

    const missing = await app.inject({
      method: 'POST',
      url: '/citizens/001099012345/notes',
      payload: { priority: 2 },
    });
    expect(missing.json().field).toBe('body.text');

    const unexpected = await app.inject({
      method: 'POST',
      url: '/citizens/001099012345/notes',
      payload: { text: 'hello', priority: 2, author: 'someone' },
    });
    expect(unexpected.statusCode).toBe(400);
    expect(unexpected.json()).toMatchObject({
      field: 'body.author',
      detail: 'body.author is not a property this request takes',
    });
  });

  it('answers unknown routes with a problem+json 404', async () => {
    app = await appWithRoute();
    const response = await app.inject({ method: 'GET', url: '/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('MOTLAN_NOT_FOUND');
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    app = await appWithRoute();
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/ready' })).json()).toEqual({
      status: 'ready',
      checks: { database: true },
    });
    await app.inject({
      method: 'POST',
      url: '/citizens/001099012345/notes',
      payload: { text: 'x', priority: 1 },
    });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain(
      'motlan_http_request_duration_seconds_count{method="POST",route="/citizens/:personalId/notes",status="201"} 1',
    );
  });

  it('keeps a personal ID out of the logs of a request that carries it', async () => {
    const { lines, logger } = logCapture();
    app = await appWithRoute(logger);
    const response = await app.inject({
      method: 'POST',
      url: '/citizens/001099012345/notes?about=001099012345',
      payload: { text: 'hello', priority: 1 },
    });
    expect(response.statusCode).toBe(201);
    const logged = lines.join('');
    expect(logged).toContain('note accepted');
    // The one request line names the route's template, never the path or query as sent.
    const requestLine = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request');
    expect(requestLine).toMatchObject({ method: 'POST', route: '/citizens/:personalId/notes', status: 201 });
    expect(logged).not.toContain('001099012345');
  });
});

describe('the door (authenticate)', () => {
  async function guardedApp(): Promise<{ app: HttpApp; handled: string[] }> {
    const handled: string[] = [];
    const guarded = await buildHttpApp({
      logger: createLogger({ name: 'http-test', level: 'silent' }),
      registry: new Registry(),
      openapi: { title: 'Guarded', version: '1.0.0', description: 'for tests' },
      authenticate: (request) => {
        if (request.headers['x-test-caller'] !== 'known') {
          throw Object.assign(new Error('who are you?'), { statusCode: 401 });
        }
      },
    });
    guarded.post(
      '/private',
      { schema: { body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }) } },
      async (request) => {
        handled.push(JSON.stringify(request.body));
        return { ok: true };
      },
    );
    guarded.get('/catalog', { config: { public: true } }, async () => ({ open: true }));
    await guarded.ready();
    return { app: guarded, handled };
  }

  it('refuses an unknown caller before the body is validated or handled', async () => {
    const guarded = await guardedApp();
    app = guarded.app;
    const invalid = await app.inject({ method: 'POST', url: '/private', payload: { n: 'not a number' } });
    expect(invalid.statusCode).toBe(401);
    const valid = await app.inject({ method: 'POST', url: '/private', payload: { n: 1 } });
    expect(valid.statusCode).toBe(401);
    expect(guarded.handled).toEqual([]);
    const known = await app.inject({
      method: 'POST',
      url: '/private',
      payload: { n: 1 },
      headers: { 'x-test-caller': 'known' },
    });
    expect(known.statusCode).toBe(200);
    expect(guarded.handled).toEqual(['{"n":1}']);
  });

  it('keeps public routes, operations and documentation open', async () => {
    app = (await guardedApp()).app;
    for (const url of ['/catalog', '/health', '/metrics', '/openapi.json', '/docs/json', '/docs/']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
  });
});

describe('problems never echo a personal ID', () => {
  it('names the route template, and masks IDs in the path of an unknown route', async () => {
    app = await appWithRoute();
    const invalid = await app.inject({
      method: 'POST',
      url: '/citizens/079303998110/notes',
      payload: { text: '', priority: 1 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().instance).toBe('/citizens/:personalId/notes');
    const otherMethod = await app.inject({ method: 'DELETE', url: '/citizens/079303998110/notes' });
    expect(otherMethod.statusCode).toBe(405);
    expect(otherMethod.body).not.toContain('079303998110');
    const unknown = await app.inject({ method: 'GET', url: '/people/079303998110' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('No route GET /people/079*********');
  });
});
