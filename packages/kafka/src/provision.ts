import type { Kafka } from 'kafkajs';
import type { KafkaConfig } from '@motlan/config';
import { ensureAcls, ensureTopics } from './admin.ts';
import { declaredAcls } from './topic-access.ts';
import { allTopics } from './topics.ts';

export interface Provisioned {
  /** Topics that did not exist and were created. */
  created: string[];
  /** What became of the ACLs, in a line for the operator. */
  acls: string;
}

/**
 * Makes the declaration true on the broker under KAFKA_TOPIC_PREFIX: every topic of topics.ts (and
 * its dead-letter twin), then the ACLs of topic-access.ts for them (none under
 * KAFKA_SECURITY=plaintext, where no client has an identity). `kafka` must act as a super user
 * (KAFKA_ADMIN_IDENTITY). Idempotent. The admin step of `pnpm topics`, `pnpm start` and testkit.
 */
export async function provisionKafka(
  kafka: Kafka,
  config: Pick<KafkaConfig, 'KAFKA_TOPIC_PREFIX' | 'KAFKA_SECURITY'>,
): Promise<Provisioned> {
  const prefix = config.KAFKA_TOPIC_PREFIX;
  const created = await ensureTopics(kafka, allTopics(prefix));
  if (config.KAFKA_SECURITY === 'plaintext')
    return { created, acls: 'KAFKA_SECURITY=plaintext: clients have no identities, so no ACLs' };
  const acls = declaredAcls(prefix);
  const outcome = await ensureAcls(kafka, acls);
  return {
    created,
    acls:
      outcome === 'applied'
        ? `${acls.length} ACLs in place (packages/kafka/src/topic-access.ts)`
        : 'WARNING: the broker has no authorizer: every authenticated client may read and write every topic',
  };
}
