import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createLogger } from '@motlan/logger';
import { listProtoFiles, PROTO_DIR } from '@motlan/proto';
import { devCertificates } from '@motlan/testkit';
import {
  HEALTH_SERVICE_NAME,
  startGrpcServer,
  type RunningGrpcServer,
  type ServiceBinding,
  type UnaryHandler,
} from '../src/index.ts';

// Standard clients as a newcomer runs them: grpcurl from `./dev setup`, buf from the workspace.
// Neither is given a proto file: everything they know comes from server reflection.
const run = promisify(execFile);
const GRPCURL = fileURLToPath(new URL('../../../.tools/bin/grpcurl', import.meta.url));
const BUF = fileURLToPath(new URL('../node_modules/.bin/buf', import.meta.url));
const ID = '001099012345';
const FACT = {
  id: 'f-1',
  subject: { personalId: ID },
  type: 'identity.full_name',
  valueJson: '"Nguyễn Văn An"',
  provenance: { sourceSystem: 'national-population-db', assurance: 'ASSURANCE_AUTHORITATIVE' },
};
const FRESHNESS = { stale: true, ageSeconds: '42', fetchedAt: '2026-01-02T03:04:05Z' };

type Handlers = Record<string, UnaryHandler<never, unknown>>;
const handlers = (table: Record<string, (request: Record<string, unknown>) => unknown>): Handlers =>
  Object.fromEntries(
    Object.entries(table).map(([name, answer]) => [
      name,
      async (request: Record<string, unknown>) => answer(request),
    ]),
  ) as Handlers;

/**
 * The real services' definitions with small handlers that echo their request, grouped by port as
 * the mesh serves them (registry; population adapter; one-stop).
 */
const PORTS: Record<string, ServiceBinding[]> = {
  registry: [
    {
      name: 'motlan.facts.v1.FactRegistry',
      handlers: handlers({
        GetFacts: (r) => ({ facts: [{ fact: FACT, conflicted: true }], missing: r.factTypes }),
        DeclareFacts: (r) => ({
          factIds: (r.facts as { type: string }[]).map((fact) => `${r.personalId as string}/${fact.type}`),
        }),
        GetHistory: (r) => ({
          versions: [{ fact: { ...FACT, type: r.factType }, current: true, recordedAt: '2026-01-01' }],
        }),
        ListDisclosures: (r) => ({
          disclosures: [
            { client: 'one-stop', factTypes: ['identity.full_name'], requestId: String(r.limit) },
          ],
        }),
      }),
    },
  ],
  adapter: [
    {
      name: 'motlan.population.v1.PopulationService',
      handlers: handlers({
        VerifyCitizen: (r) => ({
          verified: true,
          citizenFound: true,
          vitalStatus: 'alive',
          attributes: Object.keys(r.claims as object)
            .filter((key) => (r.claims as Record<string, string>)[key] !== '')
            .map((attribute) => ({ attribute, outcome: 'MATCH_OUTCOME_MATCH', tolerated: ['case'] })),
          freshness: FRESHNESS,
        }),
        GetCitizen: (r) => ({ facts: [FACT], missing: r.factTypes, freshness: FRESHNESS }),
      }),
    },
    {
      name: 'motlan.adapter.v1.SourceAdapter',
      handlers: handlers({
        GetFacts: (r) => ({
          facts: [FACT],
          missing: r.factTypes,
          freshness: FRESHNESS,
          adapter: 'population',
        }),
      }),
    },
  ],
  oneStop: [
    {
      name: 'motlan.dossier.v1.DossierService',
      handlers: handlers({
        GetDossier: (r) => ({
          dossier: { id: r.dossierId, status: 'DOSSIER_STATUS_RECEIVED', allowedActions: ['pause'] },
        }),
      }),
    },
  ],
};

/** One call per method, written as a newcomer would (the proto's own field names), and what must come back. */
const CALLS: Record<string, { data: object; expected: object }> = {
  'motlan.facts.v1.FactRegistry/GetFacts': {
    data: { personal_id: ID, fact_types: ['residence.permanent'], purpose: '1.001234' },
    expected: { facts: [{ fact: FACT, conflicted: true }], missing: ['residence.permanent'] },
  },
  'motlan.facts.v1.FactRegistry/DeclareFacts': {
    data: { personal_id: ID, facts: [{ type: 'contact.phone', value_json: '"0901"' }] },
    expected: { factIds: [`${ID}/contact.phone`] },
  },
  'motlan.facts.v1.FactRegistry/GetHistory': {
    data: { personal_id: ID, fact_type: 'identity.sex' },
    expected: {
      versions: [{ fact: { ...FACT, type: 'identity.sex' }, current: true, recordedAt: '2026-01-01' }],
    },
  },
  'motlan.facts.v1.FactRegistry/ListDisclosures': {
    data: { personal_id: ID, limit: 7 },
    expected: { disclosures: [{ client: 'one-stop', factTypes: ['identity.full_name'], requestId: '7' }] },
  },
  'motlan.population.v1.PopulationService/VerifyCitizen': {
    data: { personal_id: ID, claims: { sex: 'male' }, purpose: '1.001234' },
    expected: {
      verified: true,
      citizenFound: true,
      vitalStatus: 'alive',
      attributes: [{ attribute: 'sex', outcome: 'MATCH_OUTCOME_MATCH', tolerated: ['case'] }],
      freshness: FRESHNESS,
    },
  },
  'motlan.population.v1.PopulationService/GetCitizen': {
    data: { personal_id: ID, fact_types: ['identity.sex'] },
    expected: { facts: [FACT], missing: ['identity.sex'], freshness: FRESHNESS },
  },
  'motlan.adapter.v1.SourceAdapter/GetFacts': {
    data: { personal_id: ID, fact_types: ['identity.sex'] },
    expected: { facts: [FACT], missing: ['identity.sex'], freshness: FRESHNESS, adapter: 'population' },
  },
  'motlan.dossier.v1.DossierService/GetDossier': {
    data: { dossier_id: 'HS-0001' },
    expected: { dossier: { id: 'HS-0001', status: 'DOSSIER_STATUS_RECEIVED', allowedActions: ['pause'] } },
  },
  'grpc.health.v1.Health/Check': { data: { service: '' }, expected: { status: 'SERVING' } },
};

/**
 * What protos/ declares, parsed by protobufjs from the .proto text (not from the compiled set that
 * reflection serves), with the proto's own field names.
 */
const declared = protoLoader.loadSync(listProtoFiles(), { keepCase: true, includeDirs: [PROTO_DIR] });

let certDir: string;
const servers: Record<string, RunningGrpcServer> = {};

beforeAll(async () => {
  if (!existsSync(GRPCURL)) throw new Error(`${GRPCURL} is missing: run ./dev setup`);
  certDir = devCertificates();
  const credentials = grpc.ServerCredentials.createSsl(
    readFileSync(join(certDir, 'ca.pem')),
    [
      {
        cert_chain: readFileSync(join(certDir, 'fact-registry.pem')),
        private_key: readFileSync(join(certDir, 'fact-registry-key.pem')),
      },
    ],
    true,
  );
  for (const [port, services] of Object.entries(PORTS)) {
    servers[port] = await startGrpcServer({
      services,
      credentials,
      logger: createLogger({ name: 'test', level: 'silent' }),
    });
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.stop(1_000)));
});

/**
 * grpcurl over mutual TLS with the development client certificate, against one port: `verb` is
 * what follows the address (`list`, `describe <symbol>`, `<service>/<method>`); stdout.
 */
async function grpcurl(port: string, verb: string[], data?: object): Promise<string> {
  const { stdout } = await run(GRPCURL, [
    '-cacert',
    join(certDir, 'ca.pem'),
    '-cert',
    join(certDir, 'dev-client.pem'),
    '-key',
    join(certDir, 'dev-client-key.pem'),
    '-max-time',
    '10',
    ...(data ? ['-d', JSON.stringify(data)] : []),
    `127.0.0.1:${servers[port]!.port}`,
    ...verb,
  ]);
  return stdout;
}

interface DescribedField {
  name: string;
  number: number;
  type: string;
}

/** The fields of a `grpcurl describe` message, e.g. `repeated .motlan.common.v1.Fact facts = 1;`. */
function fieldsOf(text: string): DescribedField[] {
  const fields: DescribedField[] = [];
  for (const match of text.matchAll(/^\s*(?:repeated |optional )?(map<[^>]+>|[.\w]+) (\w+) = (\d+)/gm)) {
    fields.push({ type: match[1]!, name: match[2]!, number: Number(match[3]) });
  }
  return fields;
}

/** Message and enum names a field type refers to (`map<string, .a.B>` → `a.B`). */
const referencedTypes = (type: string): string[] =>
  [...type.matchAll(/\.([\w.]+)/g)].map((match) => match[1]!).filter((name) => name.includes('.'));

describe('gRPC reflection for standard tools, with no proto files', () => {
  it('lists on each port only the services it serves, plus health', async () => {
    for (const [port, services] of Object.entries(PORTS)) {
      const listed = (await grpcurl(port, ['list'])).trim().split('\n').sort();
      expect(listed, port).toEqual([...services.map((service) => service.name), HEALTH_SERVICE_NAME].sort());
    }
  });

  it('describes every method and every message each service uses, as protos/ declares them', async () => {
    let described = 0;
    for (const [port, services] of Object.entries(PORTS)) {
      for (const serviceName of [...services.map((service) => service.name), HEALTH_SERVICE_NAME]) {
        const service = await grpcurl(port, ['describe', serviceName]);
        expect(service).toContain(`${serviceName} is a service:`);
        const methods = [
          ...service.matchAll(/rpc (\w+) \( (?:stream )?\.([\w.]+) \) returns \( (?:stream )?\.([\w.]+) \)/g),
        ];
        const expected = declared[serviceName] as grpc.ServiceDefinition;
        expect(methods.map((m) => m[1]).sort(), serviceName).toEqual(Object.keys(expected).sort());

        const pending: string[] = [];
        for (const [, method, request, response] of methods) {
          const text = await grpcurl(port, ['describe', `${serviceName}.${method!}`]);
          expect(text, `${serviceName}.${method!}`).toContain(`${serviceName}.${method!} is a method:`);
          pending.push(request!, response!);
        }
        const seen = new Set<string>();
        while (pending.length > 0) {
          const typeName = pending.pop()!;
          if (seen.has(typeName)) continue;
          seen.add(typeName);
          const text = await grpcurl(port, ['describe', typeName]);
          described += 1;
          if (text.startsWith(`${typeName} is an enum:`)) continue;
          expect(text, typeName).toContain(`${typeName} is a message:`);
          const fields = fieldsOf(text);
          const truth = (declared[typeName] as { type: { field: { name: string; number: number }[] } }).type;
          expect(
            fields.map(({ name, number }) => ({ name, number })),
            `${typeName} fields: snake_case names and numbers as declared`,
          ).toEqual(truth.field.map(({ name, number }) => ({ name, number })));
          for (const field of fields) {
            if (!/^[a-z]/.test(field.type) || field.type.startsWith('map<')) {
              // A message or enum type is fully qualified, and reflection resolves it (imports included).
              expect(field.type, `${typeName}.${field.name}`).toMatch(/^(map<\w+, )?\./);
              pending.push(...referencedTypes(field.type));
            }
          }
        }
      }
    }
    expect(described).toBeGreaterThan(20);
  });

  it('calls every method of each service with grpcurl over mutual TLS', async () => {
    for (const [port, services] of Object.entries(PORTS)) {
      const names = [...services.map((service) => service.name), HEALTH_SERVICE_NAME];
      for (const [path, call] of Object.entries(CALLS).filter(([path]) =>
        names.includes(path.split('/')[0]!),
      )) {
        const answer = await grpcurl(port, [path], call.data);
        expect(JSON.parse(answer), path).toMatchObject(call.expected);
      }
    }
  });

  it('lets buf curl call a method that uses imported types, by reflection alone', async () => {
    const { stdout } = await run(BUF, [
      'curl',
      '--protocol',
      'grpc',
      '--cacert',
      join(certDir, 'ca.pem'),
      '--cert',
      join(certDir, 'dev-client.pem'),
      '--key',
      join(certDir, 'dev-client-key.pem'),
      '--data',
      JSON.stringify({ personal_id: ID, claims: { sex: 'male' } }),
      `https://127.0.0.1:${servers.adapter!.port}/motlan.population.v1.PopulationService/VerifyCitizen`,
    ]);
    expect(JSON.parse(stdout)).toMatchObject(
      CALLS['motlan.population.v1.PopulationService/VerifyCitizen']!.expected,
    );
  });
});
