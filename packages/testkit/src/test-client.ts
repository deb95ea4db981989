import type { KafkaConfig } from '@motlan/config';
import { createKafka, ensureAcls, KAFKA_ADMIN_IDENTITY, testClientAcls } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';

/**
 * Grants the test client (`test-client`) its rights on the run's broker: topics under `test.`,
 * groups under `test-` (topic-access.ts). The tests' global setup calls it once, as kafka-admin;
 * idempotent. Nothing to grant under KAFKA_SECURITY=plaintext, where no client has an identity.
 */
export async function grantTestClient(config: KafkaConfig, logger: Logger): Promise<void> {
  if (config.KAFKA_SECURITY !== 'ssl') return;
  const admin = createKafka({ config, identity: KAFKA_ADMIN_IDENTITY, clientId: 'test-setup', logger });
  if ((await ensureAcls(admin, testClientAcls())) === 'no authorizer')
    logger.warn('the broker has no authorizer: tests of Kafka authorisation will fail');
}
