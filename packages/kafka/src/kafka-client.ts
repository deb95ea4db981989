import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kafka,
  logLevel,
  type Consumer,
  type ConsumerConfig,
  type KafkaConfig as ClientConfig,
  type LogEntry,
} from 'kafkajs';
import { brokerList, type KafkaConfig } from '@motlan/config';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Logger } from '@motlan/logger';

export interface KafkaSettings {
  /** Brokers and security: packages/config's KafkaEnv as loaded (KAFKA_BROKERS, KAFKA_SECURITY, KAFKA_SSL_*). */
  config: KafkaConfig;
  /**
   * Who this process is on Kafka: the name of its certificate (CN), so the principal
   * `User:<identity>` that the ACLs of access.ts name. Also the client id unless one is given.
   */
  identity: string;
  /** Default: KAFKA_CLIENT_ID, else the identity. */
  clientId?: string;
  logger: Logger;
}

/** PEM material a client presents over mutual TLS. */
export interface KafkaTls {
  ca: string;
  cert: string;
  key: string;
}

const IDENTITY = /^[A-Za-z0-9._-]+$/;

/**
 * One kafkajs client per process and identity; its own logging goes through our (redacting) pino
 * logger. Every kafkajs client of the project is made here, so every one follows KAFKA_SECURITY.
 * Throws MOTLAN_CONFIG when the identity's certificate cannot be read.
 */
export function createKafka(settings: KafkaSettings): Kafka {
  const { config, identity } = settings;
  const log = settings.logger.child({ component: 'kafkajs', identity });
  const tls = config.KAFKA_SECURITY === 'ssl' ? kafkaTls(config, identity) : undefined;
  return new MeshKafka(groupTimings(config), {
    clientId: settings.clientId ?? config.KAFKA_CLIENT_ID ?? identity,
    brokers: brokerList(config.KAFKA_BROKERS),
    ...(tls ? { ssl: { ca: [tls.ca], cert: tls.cert, key: tls.key } } : {}),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        // Producers retry a bounded number of times so a request never hangs on a dead broker;
        // kafkajs warns that unbounded retries would be needed for exactly-once — consumers
        // de-duplicate by event id instead, so the warning says nothing actionable.
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        const method = level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug';
        log[method](rest, message);
      },
  });
}

/** The group membership timings every consumer of a process gets (KAFKA_*_TIMEOUT_MS, KAFKA_HEARTBEAT_INTERVAL_MS). */
export interface GroupTimings {
  sessionTimeout: number;
  heartbeatInterval: number;
  rebalanceTimeout: number;
}

/**
 * The timings KafkaEnv gives. Throws MOTLAN_CONFIG_INVALID naming KAFKA_HEARTBEAT_INTERVAL_MS when
 * it is more than a third of the session timeout (Kafka's rule of thumb, so that a member may miss
 * two heartbeats before it is expelled).
 */
export function groupTimings(config: KafkaConfig): GroupTimings {
  const timings = {
    sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: config.KAFKA_HEARTBEAT_INTERVAL_MS,
    rebalanceTimeout: config.KAFKA_REBALANCE_TIMEOUT_MS,
  };
  if (timings.heartbeatInterval * 3 > timings.sessionTimeout) {
    throw new MotlanError(
      CommonErrors.config,
      `KAFKA_HEARTBEAT_INTERVAL_MS (${timings.heartbeatInterval}) must be at most a third of KAFKA_SESSION_TIMEOUT_MS (${timings.sessionTimeout})`,
      { field: 'KAFKA_HEARTBEAT_INTERVAL_MS' },
    );
  }
  return timings;
}

/** A kafkajs client whose consumers get the process's group timings unless they name their own. */
class MeshKafka extends Kafka {
  constructor(
    private readonly timings: GroupTimings,
    config: ClientConfig,
  ) {
    super(config);
  }

  override consumer(config: ConsumerConfig): Consumer {
    return super.consumer({ ...this.timings, ...config });
  }
}

/**
 * The TLS material of `identity`: KAFKA_SSL_CA / KAFKA_SSL_CERT / KAFKA_SSL_KEY when given,
 * else `ca.pem`, `<identity>.pem` and `<identity>-key.pem` in KAFKA_SSL_CERT_DIR.
 * Throws MOTLAN_CONFIG naming the variable whose file is missing or unreadable.
 */
export function kafkaTls(config: KafkaConfig, identity: string): KafkaTls {
  if (!IDENTITY.test(identity)) {
    throw new MotlanError(CommonErrors.config, `Kafka identity "${identity}" is not a certificate name`, {
      field: 'identity',
    });
  }
  const dir = config.KAFKA_SSL_CERT_DIR;
  return {
    ca: readPem('KAFKA_SSL_CA', config.KAFKA_SSL_CA ?? join(dir, 'ca.pem')),
    cert: readPem('KAFKA_SSL_CERT', config.KAFKA_SSL_CERT ?? join(dir, `${identity}.pem`)),
    key: readPem('KAFKA_SSL_KEY', config.KAFKA_SSL_KEY ?? join(dir, `${identity}-key.pem`)),
  };
}

function readPem(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new MotlanError(
      CommonErrors.config,
      `Kafka TLS: cannot read ${file} (${variable}; KAFKA_SECURITY=ssl needs it — infra/certs/generate.sh makes the development set)`,
      { field: variable, cause: error },
    );
  }
}
