import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger } from '@motlan/logger';
import { buildHttpApp, READINESS_CHECK_TIMEOUT_MS, type HttpApp, type ReadinessCheck } from '../src/index.ts';

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(readiness: Record<string, ReadinessCheck> = {}): Promise<HttpApp> {
  return buildHttpApp({
    logger: createLogger({ name: 'http-test', level: 'silent' }),
    registry: new Registry(),
    openapi: { title: 'Test service', version: '1.0.0', description: 'for tests' },
    readiness,
  });
}

/** Every HTTP/1.1 response read on one raw connection, in order, until it closes. */
function responsesOn(socket: Socket): Promise<{ status: number; headers: string; body: string }[]> {
  let raw = '';
  socket.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', () => {
      const responses: { status: number; headers: string; body: string }[] = [];
      let rest = raw;
      while (rest.startsWith('HTTP/1.1')) {
        const end = rest.indexOf('\r\n\r\n');
        const headers = rest.slice(0, end);
        const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
        responses.push({
          status: Number(headers.slice(9, 12)),
          headers: headers.toLowerCase(),
          body: rest.slice(end + 4, end + 4 + length),
        });
        rest = rest.slice(end + 4 + length);
      }
      resolve(responses);
    });
  });
}

describe('a request on a kept-alive connection while the app closes', () => {
  it('is answered 503 problem+json with Retry-After and Connection: close; the one in flight finishes', async () => {
    app = await buildApp();
    let release = () => {};
    let entered = () => {};
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    app.get('/slow', async () => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    const responses = responsesOn(socket);
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await inFlight;
    // The close begins while /slow is in flight; the next request arrives on the same connection.
    const closed = app.close();
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await closed;
    app = undefined;

    const [first, second] = await responses;
    expect(first).toMatchObject({ status: 200, body: '{"done":true}' });
    expect(second?.status).toBe(503);
    expect(second?.headers).toContain('content-type: application/problem+json');
    expect(second?.headers).toContain('retry-after: 1');
    expect(second?.headers).toContain('connection: close');
    expect(JSON.parse(second!.body)).toMatchObject({
      status: 503,
      code: 'MOTLAN_SHUTTING_DOWN',
      canRetry: true,
      instance: '/health',
    });
  });
});

describe('/ready', () => {
  it('answers 200 with every check when all pass', async () => {
    app = await buildApp({ database: async () => true });
    app.readiness.add('kafka', () => true);
    const response = await app.inject({ url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { database: true, kafka: true } });
  });

  it('reports a detail (a consumer still joining its group) without making the instance unready', async () => {
    app = await buildApp({ database: async () => true });
    app.readiness.add('facts consumer', () => false, { detail: true });
    const response = await app.inject({ url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: true },
      details: { 'facts consumer': false },
    });
  });

  it('answers 503 problem+json naming each check that fails, throws or hangs', async () => {
    app = await buildApp({ database: async () => true });
    app.readiness.add('kafka', async () => false);
    app.readiness.add('cache', () => {
      throw new Error('not there');
    });
    app.readiness.add('slow', () => new Promise<boolean>(() => {}));
    app.readiness.add('facts consumer', () => false, { detail: true });
    const started = Date.now();
    const response = await app.inject({ url: '/ready' });
    expect(Date.now() - started).toBeLessThan(READINESS_CHECK_TIMEOUT_MS + 1_000);
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'MOTLAN_NOT_READY',
      status: 503,
      detail: 'Not ready: kafka, cache, slow',
      down: ['kafka', 'cache', 'slow'],
      checks: { database: true, kafka: false, cache: false, slow: false },
      details: { 'facts consumer': false },
    });
    // Liveness stays liveness: the process is up.
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
