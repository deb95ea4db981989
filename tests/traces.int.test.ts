/**
 * One trace per request across processes, as an operator's collector sees it: every process of a
 * mesh (the population simulator, the population adapter, the fact registry, the one-stop shop)
 * exports its spans over OTLP/HTTP JSON to a receiver in this test. A citizen portal submits a
 * dossier with a W3C traceparent; the one-stop shop verifies the applicant at the adapter and
 * prefills from the registry (gRPC), commits the dossier and the fact the applicant typed in (its
 * outbox), relays that fact to citizen.facts.v1, and the registry consumes and stores it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Headers, headerText, prefixed, Topics } from '@motlan/kafka';
import {
  clientTls,
  eventually,
  httpsJson,
  readTopic,
  startMesh,
  TestResources,
  type Mesh,
} from '@motlan/testkit';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const PORTAL = 'citizen-portal';
const FIRST_REGISTRATION = '1.004227'; // the applicant types in the health grade the mesh cannot know

/** OTLP span kinds (opentelemetry-proto trace.proto, Span.SpanKind). */
const Kind = { server: 2, client: 3, producer: 4, consumer: 5 } as const;
/** instrumentation-pg's spans are CLIENT spans named `pg.query:<verb> <database>`, `pg.connect`, `pg-pool.connect`. */
const isQuery = (name: string) => name.startsWith('pg.query');

/** A span as the receiver got it, with the service that exported it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  /** A batch's consumer span links every record's producer span (its parent is the first's). */
  links?: { traceId: string; spanId: string }[];
}

interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[];
  }[];
}

const resources = new TestResources();
const received: ReceivedSpan[] = [];
const requestPaths = new Set<string>();
let receiver: Server;
let mesh: Mesh;

/** A stand-in OTLP/HTTP collector: keeps every span of every JSON export it is sent. */
async function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requestPaths.add(request.url ?? '');
      const exported = JSON.parse(body) as OtlpExport;
      for (const resourceSpans of exported.resourceSpans) {
        const service =
          resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value
            .stringValue ?? '';
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) received.push({ ...span, service });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const endpoint = await startReceiver();
  const otel = {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    // The initial sync makes spans by the thousand in the registry: none of ours may be dropped.
    OTEL_BSP_MAX_QUEUE_SIZE: '100000',
  };
  mesh = await startMesh(resources, 'traces', {
    seedPeople: 20,
    oneStop: true,
    adapterEnv: otel,
    serviceEnv: { 'national-population-db': otel, 'fact-registry': otel, 'one-stop': otel },
  });
  expect(await mesh.runToEnd('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv)).toBe(0);
}, 300_000);

afterAll(async () => {
  await resources.cleanup();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

interface Applicant {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
}

async function someMan(): Promise<Applicant> {
  const { rows } = await mesh.npdbPool.query<{
    record: { SoDinhDanh: string; HoVaTen: Record<string, string>; NgayThangNamSinh: string };
  }>(
    `SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' AND substr(so_dinh_danh, 4, 1) IN ('0', '2')
     ORDER BY so_dinh_danh LIMIT 1`,
  );
  const record = rows[0]!.record;
  const day = record.NgayThangNamSinh;
  return {
    personalId: record.SoDinhDanh,
    fullName: [record.HoVaTen['Ho'], record.HoVaTen['ChuDem'], record.HoVaTen['Ten']]
      .filter(Boolean)
      .join(' '),
    dateOfBirth: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
  };
}

/** What an applicant types in for a fact the mesh does not hold (values that validate). */
const TYPED_IN: Record<string, unknown> = {
  'military.health_grade': { grade: 1, assessedAt: '2025-03-01' },
  'family.father': { fullName: 'Nguyễn Văn Bình' },
  'family.mother': { fullName: 'Trần Thị Cúc' },
};

describe('one trace per request, across processes', () => {
  it("a dossier submission's spans in every process carry the caller's trace id, each hop the child of the one before", async () => {
    const applicant = await someMan();
    const portal = clientTls(PORTAL);
    const headers = { 'x-applicant-id': applicant.personalId };
    // The registry applies the synced facts a little after the sync ends: wait until the prefill
    // asks only for what no source holds.
    const missing = await eventually(async () => {
      const answer = await httpsJson(`${mesh.oneStop!.url}/v1/dossiers/prefill`, {
        method: 'POST',
        tls: portal,
        headers,
        body: { procedureCode: FIRST_REGISTRATION, applicant },
      });
      const types = (answer.body as { missing: { type: string }[] }).missing.map((entry) => entry.type);
      return types.every((type) => type in TYPED_IN) ? types : undefined;
    }, 60_000);
    expect(missing).toContain('military.health_grade');

    const answer = await httpsJson(`${mesh.oneStop!.url}/v1/dossiers`, {
      method: 'POST',
      tls: portal,
      headers: { ...headers, traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
      body: {
        procedureCode: FIRST_REGISTRATION,
        applicant,
        facts: missing.map((type) => ({ type, value: TYPED_IN[type] })),
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const dossierId = (answer.body as { id: string }).id;

    const ours = () => received.filter((span) => span.traceId === CALLER_TRACE_ID);
    const find = (service: string, kind: number, name: (value: string) => boolean) =>
      ours().find((span) => span.service === service && span.kind === kind && name(span.name));
    const childOf = (parent: ReceivedSpan, service: string, kind: number, name: (value: string) => boolean) =>
      ours().find(
        (span) =>
          span.service === service &&
          span.kind === kind &&
          name(span.name) &&
          span.parentSpanId === parent.spanId,
      );
    const is = (expected: string) => (value: string) => value === expected;
    const factsTopic = prefixed(Topics.citizenFacts, mesh.topicPrefix).name;

    // Each process exports on its own schedule: wait for each span until it has arrived.
    const arrived = (what: string, lookup: () => ReceivedSpan | undefined) =>
      eventually(async () => lookup(), 30_000).catch(() => {
        const seen = ours().map(
          (span) => `${span.service} ${span.name} ${span.spanId} ← ${span.parentSpanId}`,
        );
        throw new Error(`${what}: no such span of the trace among\n${seen.join('\n')}`);
      });

    const server = await arrived("one-stop's REST span", () =>
      find('one-stop', Kind.server, is('POST /v1/dossiers')),
    );
    expect(server.parentSpanId).toBe(CALLER_SPAN_ID);

    const verifyOut = await arrived('the VerifyCitizen call', () =>
      childOf(server, 'one-stop', Kind.client, is('motlan.population.v1.PopulationService/VerifyCitizen')),
    );
    const verifyIn = await arrived("the adapter's VerifyCitizen", () =>
      childOf(
        verifyOut,
        'population-adapter',
        Kind.server,
        is('motlan.population.v1.PopulationService/VerifyCitizen'),
      ),
    );
    const factsOut = await arrived('the GetFacts call', () =>
      childOf(server, 'one-stop', Kind.client, is('motlan.facts.v1.FactRegistry/GetFacts')),
    );
    const factsIn = await arrived("the registry's GetFacts", () =>
      childOf(factsOut, 'fact-registry', Kind.server, is('motlan.facts.v1.FactRegistry/GetFacts')),
    );
    await arrived('its query', () => childOf(factsIn, 'fact-registry', Kind.client, isQuery));

    // The dossier's outbox kept the request's context: the relay's publishes continue it, and the
    // registry's consumer stores the declared fact in a child span of the publish.
    const publish = await arrived('the relayed publish of the typed-in fact', () =>
      childOf(server, 'one-stop', Kind.producer, is(`${factsTopic} publish`)),
    );
    await arrived('the relayed publish of the dossier event', () =>
      childOf(
        server,
        'one-stop',
        Kind.producer,
        is(`${prefixed(Topics.dossierEvents, mesh.topicPrefix).name} publish`),
      ),
    );
    const processing = await arrived('the registry consuming the fact', () =>
      childOf(publish, 'fact-registry', Kind.consumer, is(`${factsTopic} process`)),
    );
    await arrived('its query storing the fact', () =>
      childOf(processing, 'fact-registry', Kind.client, isQuery),
    );

    // The disclosures' audit links, relayed after the answer, continue the trace too: each
    // discloser's publish is a child of its gRPC span, and the registry's audit consumer of that.
    const auditTopic = prefixed(Topics.accessAudit, mesh.topicPrefix).name;
    for (const [service, grpcIn] of [
      ['population-adapter', verifyIn],
      ['fact-registry', factsIn],
    ] as const) {
      const link = await arrived(`${service}'s relayed audit link`, () =>
        childOf(grpcIn, service, Kind.producer, is(`${auditTopic} publish`)),
      );
      // The registry's audit consumer applies links in batches: its span is the child of the
      // batch's first record and links the others (the messaging conventions' batch shape).
      const applied = await arrived(`the registry consuming ${service}'s link`, () =>
        received.find(
          (span) =>
            span.service === 'fact-registry' &&
            span.kind === Kind.consumer &&
            span.name === `${auditTopic} process` &&
            (span.parentSpanId === link.spanId ||
              (span.links ?? []).some(
                (other) => other.spanId === link.spanId && other.traceId === CALLER_TRACE_ID,
              )),
        ),
      );
      // (in the trace of the batch's first record, which may be another request's)
      await arrived(`its query storing ${service}'s link`, () =>
        received.find((span) => span.parentSpanId === applied.spanId && isQuery(span.name)),
      );
    }

    // The records themselves carry the caller's trace (everything on the topic, the sync's facts
    // and then these, read for a few seconds).
    const records = await readTopic(resources.kafka, factsTopic, Number.MAX_SAFE_INTEGER, 5_000);
    const declared = records.filter((record) => record.value?.includes(dossierId));
    expect(declared.length).toBe(missing.length);
    for (const record of declared) {
      expect(headerText(record.headers, Headers.traceparent)).toBe(
        `00-${CALLER_TRACE_ID}-${publish.spanId}-01`,
      );
    }

    // Three processes took part, each exporting to the standard path.
    expect(new Set(ours().map((span) => span.service))).toEqual(
      new Set(['one-stop', 'population-adapter', 'fact-registry']),
    );
    expect([...requestPaths]).toEqual(['/v1/traces']);
  }, 120_000);
});
