import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import {
  ACCESS_MIGRATIONS,
  APPLICANT_ID_HEADER,
  loadPolicy,
  loadTlsMaterial,
  OFFICER_ID_HEADER,
} from '@motlan/access';
import type { Pool } from '@motlan/db';
import { militaryCodeFor } from '@motlan/domain';
import {
  createEventProducer,
  ensureTopics,
  Topics,
  type EventProducer,
  type TopicDefinition,
} from '@motlan/kafka';
import type { auditV1, dossierV1, Fact__Output } from '@motlan/proto';
import { clientTls, devCertificates, eventually, httpsJson, readTopic, TestResources } from '@motlan/testkit';
import { buildApp, type OneStopApp } from '../src/app.ts';
import type { OfficerContext } from '../src/domain/callers.ts';
import { readConfig } from '../src/config.ts';
import type { KnownFact } from '../src/domain/prefill.ts';
import type { ApplicantVerifier, FactStore, SubscriptionInfo, Subscriptions } from '../src/mesh/ports.ts';
import { MIGRATIONS } from '../src/migrations-dir.ts';

export interface Citizen {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  alive?: boolean;
}

/** An applicant born 1999, male: 001 (Hà Nội) + 0 (1900s, male) + 99 + six digits. */
export function citizen(n: number, overrides: Partial<Citizen> = {}): Citizen {
  return {
    personalId: `001099${String(n).padStart(6, '0')}`,
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1999-05-14',
    sex: 'male',
    ...overrides,
  };
}

const address = (ward: string) => ({
  provinceCode: '01',
  wardCode: ward,
  detail: 'Số 1 phố Hàng Bài',
  unitsVersion: 'current-2025',
});

/**
 * The population adapter and the registry as in-memory fakes (the end-to-end test uses the real
 * ones): what the population database knows is authoritative. Declared facts leave through the
 * outbox; `Harness.applyDeclared()` plays the registry applying them.
 */
export class FakeMesh {
  readonly citizens = new Map<string, Citizen>();
  readonly facts = new Map<string, Map<string, KnownFact>>();
  /** Every version ever put, by fact id (the registry's history). */
  readonly versions = new Map<string, { personalId: string; fact: KnownFact }>();
  readonly subscriptionsHeld: SubscriptionInfo[] = [];
  reads = 0;

  /** A citizen known to the population database, with its authoritative facts (no health grade). */
  addCitizen(person: Citizen, ward = '00004'): Citizen {
    this.citizens.set(person.personalId, person);
    const [family, ...rest] = person.fullName.split(' ');
    const given = rest.pop() ?? '';
    const values: Record<string, unknown> = {
      'identity.full_name': { family, middle: rest.join(' '), given, full: person.fullName },
      'identity.date_of_birth': { date: person.dateOfBirth },
      'identity.sex': { sex: person.sex },
      'residence.permanent': address(ward),
      'residence.current': address(ward),
      'family.father': { fullName: 'Nguyễn Văn Bình' },
      'family.mother': { fullName: 'Trần Thị Cúc' },
      'civil.marital_status': { status: 'single' },
    };
    for (const [type, value] of Object.entries(values)) {
      this.put(person.personalId, type, value, 'national-population-db', 'ASSURANCE_AUTHORITATIVE');
    }
    return person;
  }

  put(
    personalId: string,
    type: string,
    value: unknown,
    sourceSystem: string,
    assurance: string,
    dossierId = '',
    factId: string = randomUUID(),
  ) {
    const facts = this.facts.get(personalId) ?? new Map<string, KnownFact>();
    const fact: KnownFact = {
      factId,
      type,
      value,
      sourceSystem,
      assurance,
      sourceRecordRef:
        sourceSystem === 'national-population-db' ? `NPDB/${personalId}` : `dossier/${dossierId}`,
      observedAt: new Date().toISOString(),
      dossierId,
    };
    facts.set(type, fact);
    this.facts.set(personalId, facts);
    this.versions.set(factId, { personalId, fact });
    return fact;
  }

  readonly verifier: ApplicantVerifier = {
    verify: async (request) => {
      const person = this.citizens.get(request.personalId);
      if (!person) return { verified: false, citizenFound: false, mismatched: [], vitalStatus: '' };
      const mismatched = [
        ...(person.fullName.toLowerCase() === request.fullName.toLowerCase() ? [] : ['full_name']),
        ...(person.dateOfBirth === request.dateOfBirth ? [] : ['date_of_birth']),
      ];
      const alive = person.alive !== false;
      return {
        verified: alive && mismatched.length === 0,
        citizenFound: true,
        mismatched,
        vitalStatus: alive ? 'alive' : 'deceased',
      };
    },
  };

  readonly store: FactStore = {
    getFacts: async (personalId, types) => {
      this.reads += 1;
      const facts = this.facts.get(personalId) ?? new Map<string, KnownFact>();
      return types.flatMap((type) => (facts.has(type) ? [facts.get(type)!] : []));
    },
    factVersion: async (personalId, type, factId) => {
      this.reads += 1;
      const version = this.versions.get(factId);
      return version?.personalId === personalId && version.fact.type === type ? version.fact : undefined;
    },
  };

  /** The registry's FactSubscriptions for one-stop, in memory. */
  readonly subscriptions: Subscriptions = {
    list: async () => [...this.subscriptionsHeld],
    createKafka: async (purpose, factTypes) => {
      const subscription: SubscriptionInfo = {
        id: randomUUID(),
        purpose,
        factTypes: [...factTypes],
        delivery: 'DELIVERY_KAFKA',
        topic: 'citizen.notifications.v1.one-stop',
      };
      this.subscriptionsHeld.push(subscription);
      return subscription;
    },
  };
}

/** The handling unit's system the harness lets act (infra/certs/generate.sh makes its certificate). */
export const OFFICER_CLIENT = 'commune-officer';

/**
 * What the commune military command gives when it resolves a first registration (1.004227): the
 * military person code it issued (a valid one, serial `n`).
 */
export function issuedMilitaryCode(n = 1): { militaryCode: string } {
  return { militaryCode: militaryCodeFor({ issuingUnit: 'TD', registrationYear: 2025, serial: n }) };
}
/** The citizen portal the harness lets act for applicants (a client of the access policy). */
export const PORTAL_CLIENT = 'citizen-portal';
/** The project's access policy, as main.ts loads it by default. */
export const POLICY_FILE = fileURLToPath(
  new URL('../../../infra/policies/access-policy.json', import.meta.url),
);

/** An officer of every unit, for calls made straight to OneStop (not over the wire). */
export const anyOfficer: OfficerContext = {
  role: 'officer',
  client: OFFICER_CLIENT,
  actor: OFFICER_CLIENT,
  mayActFor: () => true,
};

export interface CallOptions {
  /** The client certificate presented (default: the portal); `null` presents none. */
  as?: string | null;
  /** X-Applicant-Id: whom the portal acts for. */
  applicant?: string;
  /** X-Officer-Id. */
  officerId?: string;
  /** Any other request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Answer {
  status: number;
  type: string | undefined;
  body: unknown;
}

export interface Harness {
  resources: TestResources;
  app: OneStopApp;
  /** The app served over https (mutual TLS asked for), for calls that need a client certificate. */
  httpsUrl: string;
  mesh: FakeMesh;
  /** The broker the app publishes to. */
  kafka: Kafka;
  producer: EventProducer;
  topics: {
    dossierEvents: TopicDefinition<dossierV1.DossierEvent__Output>;
    citizenFacts: TopicDefinition<Fact__Output>;
    accessAudit: TopicDefinition<auditV1.AccessAudited__Output>;
  };
  schema: string;
  pool: Pool;
  clock: { now: Date };
  /** Rows in a table of the service's schema. */
  count(table: 'dossiers' | 'dossier_history' | 'dossier_ratings' | 'outbox'): Promise<number>;
  /** Outbox events not yet published. */
  pending(): Promise<number>;
  /** Declared facts the service wrote to its outbox (citizen.facts.v1), in outbox order. */
  declared(): Promise<Fact__Output[]>;
  /** Puts every declared fact in the fake registry, as the real one applies them from Kafka. */
  applyDeclared(): Promise<void>;
  /** Builds another app on the same schema and topics (a restarted instance). */
  restart(): Promise<OneStopApp>;
  /** A call over https as a client of our CA (default: the citizen portal), as main.ts serves it. */
  https(method: 'GET' | 'POST', path: string, options?: CallOptions): Promise<Answer>;
}

/**
 * A one-stop app on a fresh schema (with the audit trail's table) and fresh topics, with the mesh
 * faked and a settable clock, served over https as main.ts serves it: every dossier route needs a
 * client certificate (the portal's or an officer's); inject() presents none. The audit relay is
 * not started: a test that reads access.audit.v1 starts it or calls relayOnce().
 */
export async function startHarness(
  resources = new TestResources(),
  options: {
    officers?: string[];
    portals?: string[];
    /** Another broker (e.g. a private one a test stops): the declared topics, created there. */
    kafka?: Kafka;
  } = {},
): Promise<Harness> {
  const { name: schema, pool } = await resources.schema([ACCESS_MIGRATIONS, MIGRATIONS], 'one_stop');
  const kafka = options.kafka ?? resources.kafka;
  const topics = options.kafka
    ? await declaredTopics(options.kafka)
    : {
        dossierEvents: await resources.topic(Topics.dossierEvents),
        citizenFacts: await resources.topic(Topics.citizenFacts),
        accessAudit: await resources.topic(Topics.accessAudit),
        accessAuditAnchors: await resources.topic(Topics.accessAuditAnchors),
      };
  const policy = loadPolicy(POLICY_FILE);
  const mesh = new FakeMesh();
  const clock = { now: new Date() };
  const tls = loadTlsMaterial(devCertificates(), 'one-stop');
  const build = async (kafka: Kafka) => {
    const producer = await createEventProducer(kafka, 'one-stop');
    resources.defer(() => producer.disconnect());
    const config = readConfig({
      ONE_STOP_OFFICER_CLIENTS: (options.officers ?? [OFFICER_CLIENT]).join(','),
      ONE_STOP_PORTAL_CLIENTS: (options.portals ?? [PORTAL_CLIENT]).join(','),
      OUTBOX_RELAY_INTERVAL_MS: '50',
    });
    const app = await buildApp(config, {
      pool,
      producer,
      logger: resources.logger,
      registry: new Registry(),
      verifier: mesh.verifier,
      facts: mesh.store,
      kafka,
      subscriptions: mesh.subscriptions,
      tls,
      policy,
      topics: { dossierEvents: topics.dossierEvents, citizenFacts: topics.citizenFacts },
      auditTopic: topics.accessAudit,
      auditAnchorsTopic: topics.accessAuditAnchors,
      now: () => clock.now,
    });
    resources.defer(async () => {
      await app.relay.stop();
      await app.auditRelay.stop();
      await app.http.close();
    });
    return { app, producer };
  };
  const { app, producer } = await build(kafka);
  const httpsUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
  return {
    resources,
    app,
    httpsUrl,
    mesh,
    kafka,
    producer,
    topics,
    schema,
    pool,
    clock,
    count: async (table) =>
      Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n),
    pending: async () =>
      Number(
        (await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))
          .rows[0]!.n,
      ),
    declared: () => declaredIn(pool),
    applyDeclared: async () => {
      for (const fact of await declaredIn(pool)) {
        mesh.put(
          fact.subject!.personalId,
          fact.type,
          JSON.parse(fact.valueJson),
          fact.provenance!.sourceSystem,
          fact.provenance!.assurance,
          fact.provenance!.dossierId,
          fact.id,
        );
      }
    },
    restart: async () => (await build(kafka)).app,
    https: async (method, path, options = {}) => {
      const as = options.as === undefined ? PORTAL_CLIENT : options.as;
      const response = await httpsJson(`${httpsUrl}${path}`, {
        method,
        body: options.body,
        tls: as === null ? clientTls() : clientTls(as),
        headers: {
          ...(options.applicant ? { [APPLICANT_ID_HEADER]: options.applicant } : {}),
          ...(options.officerId ? { [OFFICER_ID_HEADER]: options.officerId } : {}),
          ...options.headers,
        },
      });
      const type = response.headers['content-type'];
      return { status: response.status, type: Array.isArray(type) ? type[0] : type, body: response.body };
    },
  };
}

/** The declared topics under their own names, on a broker of the test's own (removed with it). */
async function declaredTopics(kafka: Kafka) {
  await ensureTopics(kafka, [
    Topics.dossierEvents,
    Topics.citizenFacts,
    Topics.accessAudit,
    Topics.accessAuditAnchors,
  ]);
  return {
    dossierEvents: Topics.dossierEvents,
    citizenFacts: Topics.citizenFacts,
    accessAudit: Topics.accessAudit,
    accessAuditAnchors: Topics.accessAuditAnchors,
  };
}

async function declaredIn(pool: Pool): Promise<Fact__Output[]> {
  const { rows } = await pool.query<{ payload: Fact__Output }>(
    "SELECT payload FROM outbox WHERE event_type = 'fact.declared' ORDER BY seq",
  );
  return rows.map((row) => row.payload);
}

/** How many records a topic holds (sum of its partitions' end offsets). */
export async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((total, partition) => total + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Every record of a topic, once the outbox has nothing pending. */
export async function readPublished(h: Harness, topic: string): Promise<Buffer[]> {
  await eventually(async () => ((await h.pending()) === 0 ? true : undefined));
  const size = await topicSize(h.kafka, topic);
  const messages = await readTopic(h.kafka, topic, size, 15_000);
  return messages.map((message) => message.value!);
}
