import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMpdbClient } from '../src/upstream/mpdb-client.ts';
import { mpdbRecord } from './fixtures.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;
let server: Server | undefined;

/** A stand-in upstream on a free port: its token endpoint and lookup route answer as `handler` says. */
async function upstream(handler: Handler): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handler(request, response, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const context = () => ({ deadline: Date.now() + 2_000, requestId: 'req-1', actor: 'test' });

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('the personnel database client: OAuth2 client credentials', () => {
  it('fetches one token for concurrent calls, sends it as a bearer, and passes the request id on', async () => {
    const issued: string[] = [];
    const seen: { authorization?: string; correlation?: string }[] = [];
    const base = await upstream((request, response, body) => {
      if (request.url === '/oauth/token') {
        expect(request.headers.authorization).toBe(
          `Basic ${Buffer.from('motlan-dev:motlan-dev-secret').toString('base64')}`,
        );
        expect(body).toBe('grant_type=client_credentials');
        issued.push(`t${issued.length + 1}`);
        return json(response, 200, { access_token: issued.at(-1), token_type: 'Bearer', expires_in: 300 });
      }
      seen.push({
        authorization: request.headers.authorization,
        correlation: request.headers['x-correlation-id'] as string,
      });
      json(response, 200, { MaGiaoDich: 'x', HoSo: mpdbRecord() });
    });
    const client = createMpdbClient({
      baseUrl: base,
      clientId: 'motlan-dev',
      clientSecret: 'motlan-dev-secret',
    });
    const records = await Promise.all([1, 2, 3].map(() => client.fetchRecord('001204012345', context())));
    expect(records.map((record) => record?.MaDinhDanhQuanNhan)).toEqual(Array(3).fill('QNK120240001236'));
    expect(issued).toEqual(['t1']);
    expect(seen).toEqual(Array(3).fill({ authorization: 'Bearer t1', correlation: 'req-1' }));
  });

  it('renews the token once when the upstream forgets it (401 after its restart)', async () => {
    let tokens = 0;
    const base = await upstream((request, response) => {
      if (request.url === '/oauth/token') {
        tokens += 1;
        return json(response, 200, { access_token: `t${tokens}`, expires_in: 300 });
      }
      if (request.headers.authorization !== 'Bearer t2') {
        return json(response, 401, { code: 'MPDB_SIM_UNAUTHENTICATED' });
      }
      json(response, 200, { HoSo: mpdbRecord() });
    });
    const client = createMpdbClient({
      baseUrl: base,
      clientId: 'motlan-dev',
      clientSecret: 'motlan-dev-secret',
    });
    expect(await client.fetchRecord('001204012345', context())).toMatchObject({ PhienBan: 3 });
    expect(tokens).toBe(2);
  });

  it('sorts failures: refused credentials not retryable, a 503 retryable, 404 not held', async () => {
    const base = await upstream((request, response) => {
      if (request.url === '/oauth/token') return json(response, 200, { access_token: 't', expires_in: 300 });
      if (request.url!.endsWith('/001204000001')) {
        return json(response, 404, { Loi: { Ma: 'HO_SO_KHONG_TON_TAI', MoTa: 'Không tìm thấy' } });
      }
      json(response, 503, { Loi: { Ma: 'HE_THONG_TAM_NGUNG' } });
    });
    const client = createMpdbClient({
      baseUrl: base,
      clientId: 'motlan-dev',
      clientSecret: 'motlan-dev-secret',
    });
    expect(await client.fetchRecord('001204000001', context())).toBeUndefined();
    await expect(client.fetchByCode('QNK120240001236', context())).rejects.toMatchObject({
      code: 'MOTLAN_UNAVAILABLE',
      canRetry: true,
      meta: { upstreamCode: 'HE_THONG_TAM_NGUNG' },
    });
    await new Promise((resolve) => server!.close(resolve));
    const refusing = await upstream((_request, response) => json(response, 401, { error: 'invalid_client' }));
    const refused = createMpdbClient({
      baseUrl: refusing,
      clientId: 'motlan-dev',
      clientSecret: 'wrong-secret',
    });
    await expect(refused.fetchRecord('001204012345', context())).rejects.toMatchObject({
      code: 'MOTLAN_UPSTREAM_REJECTED',
      canRetry: false,
    });
  });
});
