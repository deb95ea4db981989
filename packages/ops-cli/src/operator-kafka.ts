import { readKafkaConfig, type KafkaConfig } from '@motlan/config';
import { createKafka, type Kafka } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';

/** The Kafka identity every `motlan` command acts as (its grant: packages/kafka/src/topic-access.ts). */
export const OPERATOR_IDENTITY = 'operator';

/** Where the commands work: the mesh's Kafka as `operator`, and the topic prefix of that mesh. */
export interface OperatorContext {
  kafka: Kafka;
  config: KafkaConfig;
  /** KAFKA_TOPIC_PREFIX: declared topics and groups are named under it. */
  prefix: string;
  /**
   * The start of the throwaway consumer groups records are read with (after `prefix`), one the
   * identity's grant covers: `operator-` unless given (the web console reads as `ops-console-`).
   */
  readerGroup?: string;
}

/**
 * A client acting as `operator` (mutual TLS with `operator.pem` from KAFKA_SSL_CERT_DIR) on the
 * brokers of `env` (KAFKA_BROKERS, KAFKA_SECURITY, KAFKA_SSL_*, KAFKA_TOPIC_PREFIX; kafkajs's own log
 * lines on stderr at MOTLAN_CLI_LOG_LEVEL, default none). Throws
 * MOTLAN_CONFIG_INVALID when the environment or the certificate is wrong.
 */
export function operatorContext(env: Record<string, string | undefined>): OperatorContext {
  const config = readKafkaConfig(env);
  // The CLI reports its own errors; kafkajs's lines would only repeat them (and stdout is the
  // --json document): on stderr, and only when asked for.
  const logger = createLogger({
    name: 'motlan',
    level: env['MOTLAN_CLI_LOG_LEVEL'] ?? 'silent',
    destination: process.stderr,
  });
  return {
    kafka: createKafka({ config, identity: OPERATOR_IDENTITY, logger }),
    config,
    prefix: config.KAFKA_TOPIC_PREFIX,
  };
}
