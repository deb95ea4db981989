import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from '@motlan/db';
import { MotlanError } from '@motlan/errors';
import { KafkaTestClient, prefixed, Topics } from '@motlan/kafka';
import { provisionStack, type Stack } from '@motlan/local-stack';
import type { Logger } from '@motlan/logger';
import {
  clientTls,
  devCertificates,
  freePort,
  grantTestClient,
  startServiceProcess,
  TestResources,
  uniqueName,
  type ServiceProcess,
} from '@motlan/testkit';
import { CheckFailed } from '../check-failed.ts';
import { ConformanceErrors } from '../errors.ts';
import type { ConformanceDescriptor, SimulatorAdmin, StartedSimulator } from '../descriptor.ts';
import { AdapterClient, CONFORMANCE_CLIENT } from './adapter-client.ts';
import { EventLog } from './event-log.ts';
import { simulatorAdmin } from './simulator-admin.ts';

/** The purposes of the run's access policy: one granting every declared type, one granting nothing. */
export const Purposes = { granted: 'conformance.granted', denied: 'conformance.denied' } as const;

/**
 * The adapter kit's settings every adapter runs with under conformance: a quick feed, no fresh
 * snapshot window (every read asks the upstream, so faults show), short attempts and breaker
 * reset, and a 2.5 s request deadline the fault checks hold the adapter to.
 */
export const KitSettings = {
  CHANGE_FEED_INTERVAL_MS: 250,
  SNAPSHOT_FRESH_FOR_MS: 0,
  // Generous enough for a loaded two-core machine, well under the slow upstream the fault checks make.
  UPSTREAM_ATTEMPT_TIMEOUT_MS: 1_000,
  UPSTREAM_RETRIES: 2,
  BREAKER_RESET_MS: 1_500,
  REQUEST_DEADLINE_MS: 2_500,
} as const;

export interface RunningAdapter {
  client: AdapterClient;
  process: ServiceProcess;
  env: Record<string, string>;
}

/**
 * Everything a run needs, started by the run and removed at its end: real Kafka and PostgreSQL
 * (from KAFKA_BROKERS / DATABASE_URL, else the local stack), fresh topics under a `test.` prefix
 * with the declared ACLs, fresh schemas, the upstream simulators and the adapter on free ports,
 * an access policy of the run's own, and a consumer of everything the adapter publishes.
 */
export class Environment {
  adapter!: RunningAdapter;
  events!: EventLog;
  simulators: Record<string, StartedSimulator> = {};
  upstream!: SimulatorAdmin;
  /** The upstream system the adapter names in provenance (learned from its first answer). */
  sourceSystem: string | undefined;
  private adapterSchema!: { name: string; pool: Pool };
  private readonly resources: TestResources;
  private readonly extraProcesses = new Set<ServiceProcess>();

  private constructor(
    private readonly stack: Stack,
    readonly descriptor: ConformanceDescriptor,
    readonly adapterDir: string,
    readonly topicPrefix: string,
    readonly certDir: string,
    readonly policyFile: string,
    private readonly logger: Logger,
  ) {
    this.resources = new TestResources();
  }

  static async start(
    descriptor: ConformanceDescriptor,
    adapterDir: string,
    logger: Logger,
  ): Promise<Environment> {
    const stack = await provisionStack(logger);
    // TestResources and the processes read the stack from the environment, as the tests' global setup leaves it.
    process.env['KAFKA_BROKERS'] = stack.kafkaBrokers;
    process.env['DATABASE_URL'] = stack.databaseUrl;
    await grantTestClient(stack.kafka, logger);
    const certDir = devCertificates();
    const runtime = join(adapterDir, '.runtime', 'conformance');
    mkdirSync(runtime, { recursive: true });
    const policyFile = join(runtime, 'access-policy.json');
    writeFileSync(policyFile, JSON.stringify(conformancePolicy(descriptor.factTypes), null, 2));
    const prefix = `${KafkaTestClient.topicPrefix}${uniqueName(`conformance-${descriptor.adapter}`)}.`;
    const environment = new Environment(stack, descriptor, adapterDir, prefix, certDir, policyFile, logger);
    try {
      await environment.provision();
    } catch (error) {
      await environment.close();
      throw error;
    }
    return environment;
  }

  private async provision(): Promise<void> {
    await this.resources.declaredTopics(this.topicPrefix);
    this.events = await EventLog.start(
      this.resources.kafka,
      this.resources.groupId('conformance'),
      prefixed(Topics.citizenFacts, this.topicPrefix),
      prefixed(Topics.accessAudit, this.topicPrefix),
    );
    this.resources.defer(() => this.events.stop());
    for (const simulator of this.descriptor.simulators) {
      const port = await freePort();
      const schema = (await this.resources.schema(undefined, `conformance_${simulator.name}`)).name;
      const self: StartedSimulator = { url: `http://127.0.0.1:${port}`, port, schema };
      const started = await startServiceProcess({
        entry: simulator.entry,
        env: {
          DATABASE_URL: this.stack.databaseUrl,
          LOG_LEVEL: 'warn',
          ...simulator.env(self, { ...this.simulators }),
        },
        readyUrl: `${self.url}${simulator.readyPath ?? '/health'}`,
        timeoutMs: 120_000,
      });
      this.resources.defer(() => started.stop());
      this.simulators[simulator.name] = self;
    }
    const upstream = this.simulators[this.descriptor.upstream];
    if (!upstream) {
      throw new MotlanError(
        ConformanceErrors.descriptorInvalid,
        `upstream "${this.descriptor.upstream}" is not one of the simulators`,
        { field: 'upstream' },
      );
    }
    this.upstream = simulatorAdmin(upstream.url);
    const { name, pool } = await this.resources.schema(
      undefined,
      `conformance_${this.descriptor.adapter.replaceAll('-', '_')}`,
    );
    this.adapterSchema = { name, pool };
    this.adapter = await this.startAdapter({});
  }

  /** The adapter's environment: the kit's settings, the run's stack, and the descriptor's own. */
  async adapterEnv(
    overrides: Record<string, string>,
    schema = this.adapterSchema.name,
  ): Promise<Record<string, string>> {
    return {
      DATABASE_URL: this.stack.databaseUrl,
      KAFKA_BROKERS: this.stack.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      MTLS_CERT_DIR: this.certDir,
      ACCESS_POLICY_FILE: this.policyFile,
      LOG_LEVEL: 'warn',
      HTTP_PORT: String(await freePort()),
      GRPC_PORT: String(await freePort()),
      ...Object.fromEntries(Object.entries(KitSettings).map(([key, value]) => [key, String(value)])),
      ...this.descriptor.env({ schema, simulators: this.simulators }),
      ...overrides,
    };
  }

  /** Starts an adapter process with `env` (from `adapterEnv`), ready once its `/ready` answers. */
  async startAdapter(
    overrides: Record<string, string>,
    env?: Record<string, string>,
  ): Promise<RunningAdapter> {
    const adapterEnv = env ?? (await this.adapterEnv(overrides));
    const httpUrl = `https://127.0.0.1:${adapterEnv['HTTP_PORT']}`;
    const started = await startServiceProcess({
      entry: this.descriptor.entry,
      env: adapterEnv,
      readyUrl: `${httpUrl}/ready`,
      ca: clientTls().ca,
      timeoutMs: 120_000,
    });
    this.extraProcesses.add(started);
    const client = new AdapterClient(`127.0.0.1:${adapterEnv['GRPC_PORT']}`, httpUrl, this.certDir);
    return { client, process: started, env: adapterEnv };
  }

  async stopAdapter(adapter: RunningAdapter): Promise<void> {
    adapter.client.close();
    await adapter.process.stop();
    this.extraProcesses.delete(adapter.process);
  }

  /** Stops the adapter (SIGTERM, as a deployment does) and starts it again on the same schema and ports. */
  async restartAdapter(between: () => Promise<void> = async () => undefined): Promise<void> {
    await this.stopAdapter(this.adapter);
    await between();
    this.adapter = await this.startAdapter({}, this.adapter.env);
  }

  /** A fresh schema for another adapter process (e.g. one with wrong upstream credentials). */
  async freshSchema(): Promise<string> {
    return (await this.resources.schema(undefined, 'conformance_extra')).name;
  }

  private feed(): string {
    if (!this.sourceSystem)
      throw new CheckFailed('the adapter has not answered a read yet: its source system is unknown');
    // The adapter kit's change feed name (ChangeFeedSync.feed).
    return `${this.sourceSystem}:changes`;
  }

  /** Where the adapter's change feed stands (the kit's `sync_cursors` table in the adapter's schema). */
  async cursor(): Promise<string | undefined> {
    const { rows } = await this.adapterSchema.pool.query<{ cursor: string }>(
      `SELECT cursor FROM ${this.adapterSchema.name}.sync_cursors WHERE feed = $1`,
      [this.feed()],
    );
    return rows[0]?.cursor;
  }

  /** Moves the change feed's cursor as a restore from backup or an operator would; undefined removes it. */
  async setCursor(cursor: string | undefined): Promise<void> {
    const table = `${this.adapterSchema.name}.sync_cursors`;
    if (cursor === undefined)
      await this.adapterSchema.pool.query(`DELETE FROM ${table} WHERE feed = $1`, [this.feed()]);
    else
      await this.adapterSchema.pool.query(
        `INSERT INTO ${table} (feed, cursor) VALUES ($1, $2) ON CONFLICT (feed) DO UPDATE SET cursor = EXCLUDED.cursor`,
        [this.feed(), cursor],
      );
  }

  /** Waits until the cursor has moved from `from` and then stayed put for `quietMs`; resolves with it. */
  async cursorSettled(
    from: string | undefined,
    timeoutMs = 30_000,
    quietMs = 1_200,
  ): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.cursor();
    let since = Date.now();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await this.cursor();
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (now !== from && Date.now() - since >= quietMs) {
        return now;
      }
    }
    return last;
  }

  /** Runs the adapter's bulk sync command to its end against the run's stack; its exit code and output. */
  runBulkSync(): Promise<{ code: number; output: string }> {
    const { entry, args = [] } = this.descriptor.bulkSync;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
        cwd: repoRoot(),
        // The bulk sync is not what the deadline checks are about: long attempts, so a loaded machine does not fail it.
        env: {
          ...process.env,
          ...this.adapter.env,
          UPSTREAM_ATTEMPT_TIMEOUT_MS: '10000',
          REQUEST_DEADLINE_MS: '10000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? 1, output });
      });
    });
  }

  /** Stops every process the run started and removes its topics and schemas; stops the stack if the run started it. */
  async close(): Promise<void> {
    for (const started of this.extraProcesses) await started.stop();
    this.adapter?.client.close();
    await this.resources.cleanup();
    if (process.env['MOTLAN_KEEP_STACK'] !== '1') await this.stack.stop();
    this.logger.debug('conformance environment closed');
  }
}

/** The run's access policy: the suite's client may read every declared type for one purpose, nothing for another. */
export function conformancePolicy(factTypes: readonly string[]): unknown {
  return {
    clients: {
      [CONFORMANCE_CLIENT]: {
        description: 'pnpm adapter:conformance: reads for one granted purpose; sees quarantined records',
        mayOperate: true,
        purposes: { [Purposes.granted]: [...factTypes] },
      },
    },
  };
}

/** The repository root (this file is packages/adapter-conformance/src/harness/environment.ts). */
export function repoRoot(): string {
  return join(import.meta.dirname, '..', '..', '..', '..');
}
