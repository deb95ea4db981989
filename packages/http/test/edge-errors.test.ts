import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger } from '@motlan/logger';
import { buildHttpApp, problemResponses, Type, type HttpApp } from '../src/index.ts';

/** An app with one authenticated route (a stand-in door naming its caller) and one public route. */
async function edgeApp(lines: string[] = []): Promise<HttpApp> {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildHttpApp({
    logger: createLogger({ name: 'edge-test', destination, level: 'info' }),
    registry: new Registry(),
    openapi: { title: 'Edge', version: '1.0.0', description: 'for tests' },
    authenticate: () => 'one-stop',
  });
  app.get(
    '/v1/citizens/:personalId',
    {
      schema: {
        params: Type.Object({ personalId: Type.String({ pattern: '^\\d{12}$' }) }),
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...problemResponses },
      },
    },
    async () => ({ ok: true }),
  );
  app.post('/v1/notes', { schema: { body: Type.Object({ text: Type.String() }) } }, async () => ({
    ok: true,
  }));
  app.get('/v1/catalog', { config: { public: true } }, async () => ({ ok: true }));
  return app;
}

/** Sends raw bytes and returns the raw answer: what Node's parser sees before Fastify does. */
async function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function bodyOf(answer: string): Record<string, unknown> {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('errors before a route is found are problem+json', () => {
  it('answers a path parameter over the router limit 414, without echoing the path', async () => {
    app = await edgeApp();
    const long = '0'.repeat(150);
    const response = await app.inject({ url: `/v1/citizens/${long}` });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('MOTLAN_URI_TOO_LONG');
    expect(response.body).not.toContain(long);
  });

  it('answers a path that is not a URL 400 MOTLAN_MALFORMED_REQUEST', async () => {
    app = await edgeApp();
    const response = await app.inject({ url: '/v1/citizens/%zz' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('MOTLAN_MALFORMED_REQUEST');
  });

  it('answers another method of an existing resource 405 with Allow, also with a body that does not parse', async () => {
    app = await edgeApp();
    const deleted = await app.inject({ method: 'DELETE', url: '/v1/citizens/001099012345' });
    expect(deleted.statusCode).toBe(405);
    expect(deleted.headers['allow']).toBe('GET, HEAD');
    expect(deleted.json().code).toBe('MOTLAN_METHOD_NOT_ALLOWED');
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/notes',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(put.statusCode).toBe(405);
    expect(put.headers['allow']).toBe('POST');
    const nowhere = await app.inject({ method: 'DELETE', url: '/v1/nowhere' });
    expect(nowhere.statusCode).toBe(404);
  });

  it("answers Node's parser errors on the socket as problem+json: 431, a control character in a header, not HTTP", async () => {
    app = await edgeApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;

    const big = await raw(
      port,
      `GET /v1/catalog HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(big).toContain('Content-Type: application/problem+json');
    expect(bodyOf(big)).toMatchObject({ status: 431, code: 'MOTLAN_HEADERS_TOO_LARGE' });

    const control = await raw(port, 'GET /v1/catalog HTTP/1.1\r\nHost: x\r\nX-Name: Nguy\x01n\r\n\r\n');
    expect(control).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(control)).toMatchObject({ code: 'MOTLAN_MALFORMED_REQUEST' });
    expect(control).not.toContain('Nguy');

    const garbage = await raw(port, 'HELLO\r\n\r\n');
    expect(bodyOf(garbage)).toMatchObject({ status: 400, code: 'MOTLAN_MALFORMED_REQUEST' });

    // The server goes on serving after each refusal.
    const ok = await new Promise<number>((resolve, reject) => {
      httpRequest({ port, host: '127.0.0.1', path: '/v1/catalog' }, (res) => resolve(res.statusCode ?? 0))
        .on('error', reject)
        .end();
    });
    expect(ok).toBe(200);
  });
});

describe('one request line per request', () => {
  it('names method, route template, status, duration, client, purpose and the request id, and no personal value', async () => {
    const lines: string[] = [];
    app = await edgeApp(lines);
    await app.inject({
      url: '/v1/citizens/001099012345?purpose=1.004227',
      headers: { 'x-request-id': 'req-42' },
    });
    await app.inject({
      url: '/v1/citizens/001099012345',
      headers: { 'x-request-id': 'Nguyễn Văn A 001099012345', 'x-purpose': 'name: Nguyễn' },
    });
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      route: '/v1/citizens/:personalId',
      status: 200,
      client: 'one-stop',
      purpose: '1.004227',
      requestId: 'req-42',
    });
    expect(typeof requests[0].durationMs).toBe('number');
    // A request id or purpose that is not a plain token is not kept: a fresh id, no purpose.
    expect(requests[1].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[1].purpose).toBeUndefined();
    expect(lines.join('')).not.toContain('001099012345');
    expect(lines.join('')).not.toContain('Nguy');
  });
});

describe('the OpenAPI document says what the wire says', () => {
  it('documents error answers as application/problem+json, with 401 behind the door and 414 where a path takes a parameter', async () => {
    app = await edgeApp();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const citizen = document.paths['/v1/citizens/{personalId}'].get.responses;
    for (const status of ['400', '401', '404', '414', '500']) {
      expect(Object.keys(citizen[status].content)).toEqual(['application/problem+json']);
    }
    expect(Object.keys(citizen['200'].content)).toEqual(['application/json']);
    const catalog = document.paths['/v1/catalog'].get.responses;
    expect(catalog['401']).toBeUndefined();
    expect(catalog['414']).toBeUndefined();
    expect(Object.keys(catalog['400'].content)).toEqual(['application/problem+json']);
  });

  it('still answers a problem with every field under the problem+json response schema', async () => {
    app = await edgeApp();
    const response = await app.inject({ url: '/v1/citizens/12' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'params.personalId' });
  });
});
