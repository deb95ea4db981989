/**
 * The mesh tried from outside, as a stranger would: every route of every OpenAPI document and
 * every gRPC method of every port, called with no client certificate and with a certificate from
 * a foreign CA. None may return personal data or change state. Routes are taken from the served
 * documents, so a route added later is walked too (and fails this test until it is listed in
 * `PUBLIC` or given a request in `requestFor`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpc } from '@motlan/grpc';
import { packageDefinition } from '@motlan/proto';
import { clientTls, httpsJson, startMesh, TestResources, type ClientTls, type Mesh } from '@motlan/testkit';
import { citizenActions, type Citizen } from './support/portal.ts';

const resources = new TestResources();
let mesh: Mesh;
let citizen: Citizen;
let dossierCode: string;
let servers: { name: string; http: string; grpc: string }[];

/**
 * Routes anyone may call: operations, documentation, published reference data (the procedure
 * catalog, administrative units).
 */
const PUBLIC = [
  /^GET \/health$/,
  /^GET \/ready$/,
  /^GET \/metrics$/,
  /^(GET|HEAD) \/docs(\/.*)?$/,
  /^GET \/v1\/procedures(\/\{[^}]+\})?$/,
  /^GET \/v1\/admin-units\/(provinces|wards)\/\{code\}$/,
];

const STRANGERS: [string, ClientTls][] = [
  ['no certificate', { ca: clientTls().ca }],
  ['a foreign CA', clientTls('rogue')],
];

beforeAll(async () => {
  mesh = await startMesh(resources, 'outside', { seedPeople: 30, oneStop: true, opsConsole: true });
  expect(await mesh.runToEnd('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv)).toBe(0);
  const portal = citizenActions(mesh);
  citizen = await portal.someCitizen();
  dossierCode = await portal.submitEntryPermit(citizen);
  servers = [
    { name: 'population-adapter', http: mesh.adapterHttp, grpc: mesh.adapterGrpc },
    { name: 'fact-registry', http: mesh.registryHttp, grpc: mesh.registryGrpc },
    { name: 'one-stop', http: mesh.oneStop!.url, grpc: mesh.oneStop!.grpc },
  ];
}, 300_000);

afterAll(async () => {
  await resources.cleanup();
});

interface Operation {
  method: string;
  path: string;
}

async function operations(base: string): Promise<Operation[]> {
  const doc = (await httpsJson(`${base}/openapi.json`, { tls: { ca: clientTls().ca } })).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

/** A request a legitimate caller could make: real path values, a body that validates. */
function requestFor(operation: Operation): { url: string; body?: unknown; headers: Record<string, string> } {
  const values: Record<string, string> = {
    personalId: citizen.personalId,
    factType: 'identity.full_name',
    dossierId: dossierCode,
    registryname: 'citizen-facts',
    versionnumber: '1.0',
    id: '00000000-0000-4000-8000-000000000000',
    topic: 'citizen.facts.v1',
  };
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? name);
  const query: Record<string, string> = {
    '/v1/citizens/{personalId}/facts': `types=identity.full_name&purpose=1.001234`,
    '/v1/citizens/{personalId}/facts/{factType}/history': 'purpose=1.001234',
    '/v1/citizens/{personalId}': 'types=identity.full_name&purpose=1.001234',
    '/v1/subjects/{personalId}/facts': 'types=identity.full_name&purpose=1.001234',
    '/data/{registryname}/{versionnumber}': `query.ID=${citizen.personalId}`,
    '/data/MyPersonalDataUsage/1.0': `userID=${citizen.personalId}&DatabaseID=citizen-facts`,
    '/v1/reports/dossiers': 'from=2020-01-01&to=2100-01-01',
  };
  const url = query[operation.path] ? `${path}?${query[operation.path]}` : path;
  return {
    url,
    body: operation.method === 'GET' ? undefined : citizen.bodyFor(operation),
    headers: citizen.headersFor(operation),
  };
}

const mentionsCitizen = (body: unknown) => {
  const text = JSON.stringify(body ?? '');
  return text.includes(citizen.personalId) || text.includes(citizen.givenName);
};

describe('from outside, without a certificate of ours', () => {
  it('no REST route discloses personal data or changes state', async () => {
    const before = await citizen.observableState(dossierCode);
    const walked: string[] = [];
    // The operators' console serves no gRPC: only its REST routes are walked (its HTML pages, which
    // its OpenAPI does not list, are walked by services/ops-console/test/console-browser.int.test.ts).
    for (const server of [...servers, { name: 'ops-console', http: mesh.opsConsole!.url }]) {
      for (const operation of await operations(server.http)) {
        const label = `${operation.method} ${operation.path}`;
        if (PUBLIC.some((pattern) => pattern.test(label))) continue;
        const request = requestFor(operation);
        for (const [stranger, tls] of STRANGERS) {
          const answer = await httpsJson(`${server.http}${request.url}`, {
            method: operation.method,
            body: request.body,
            headers: request.headers,
            tls,
          });
          const where = `${server.name} ${label} with ${stranger}`;
          expect(answer.status, where).toBe(401);
          expect(mentionsCitizen(answer.body), where).toBe(false);
          walked.push(where);
        }
      }
    }
    expect(walked.length).toBeGreaterThan(20);
    expect(await citizen.observableState(dossierCode)).toEqual(before);
  });

  it('no gRPC method answers, on any port', async () => {
    const services = Object.entries(packageDefinition()).filter(
      ([name, definition]) => name.startsWith('motlan.') && !('format' in definition),
    );
    for (const server of servers) {
      for (const [stranger, tls] of STRANGERS) {
        const credentials = grpc.credentials.createSsl(tls.ca, tls.key ?? null, tls.cert ?? null);
        for (const [name, definition] of services) {
          const Client = grpc.makeGenericClientConstructor(definition as grpc.ServiceDefinition, name);
          const client = new Client(server.grpc, credentials, {
            'grpc.ssl_target_name_override': 'localhost',
          });
          for (const [method, spec] of Object.entries(definition as grpc.ServiceDefinition)) {
            if (spec.requestStream) continue;
            const outcome: { code?: number; response?: unknown } = spec.responseStream
              ? await new Promise<{ code?: number; response?: unknown }>((resolve) => {
                  const call = client.makeServerStreamRequest(
                    spec.path,
                    spec.requestSerialize,
                    spec.responseDeserialize,
                    { subscriptionId: '00000000-0000-4000-8000-000000000000' },
                    new grpc.Metadata(),
                    { deadline: Date.now() + 5_000 },
                  );
                  call.on('data', (response: unknown) => resolve({ response }));
                  call.on('error', (error: grpc.ServiceError) => resolve({ code: error.code }));
                })
              : await new Promise<{ code?: number; response?: unknown }>((resolve) =>
                  client.makeUnaryRequest(
                    spec.path,
                    spec.requestSerialize,
                    spec.responseDeserialize,
                    { personalId: citizen.personalId, dossierId: dossierCode },
                    new grpc.Metadata(),
                    { deadline: Date.now() + 5_000 },
                    (error, response) => resolve(error ? { code: error.code } : { response }),
                  ),
                );
            const where = `${server.name} ${name}/${method} with ${stranger}`;
            expect(outcome.response, where).toBeUndefined();
            expect(outcome.code, where).toBe(grpc.status.UNAVAILABLE);
          }
          client.close();
        }
      }
    }
  });
});
