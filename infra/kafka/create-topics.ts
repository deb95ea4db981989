/**
 * The admin step: creates every topic declared in @motlan/kafka's topics.ts (and each one's
 * dead-letter twin) on the broker in KAFKA_BROKERS, then the ACLs of topic-access.ts for them, as
 * the super user kafka-admin. Idempotent. Usage: pnpm topics
 */
import { KafkaEnv, loadConfig, LogEnv, Type } from '@motlan/config';
import { createKafka, KAFKA_ADMIN_IDENTITY, provisionKafka, waitForBroker } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';

if (process.argv.includes('--help')) {
  console.log(`Usage: pnpm topics
Creates the declared Kafka topics on KAFKA_BROKERS (default 127.0.0.1:19092) and, unless
KAFKA_SECURITY=plaintext, the ACLs of packages/kafka/src/topic-access.ts, as kafka-admin.`);
  process.exit(0);
}
const config = loadConfig(Type.Object({ ...KafkaEnv, ...LogEnv }));
const logger = createLogger({ name: 'topics', level: config.LOG_LEVEL });
const kafka = createKafka({ config, identity: KAFKA_ADMIN_IDENTITY, clientId: 'motlan-topics', logger });
await waitForBroker(kafka);
const applied = await provisionKafka(kafka, config);
console.log(
  applied.created.length > 0 ? `created topics: ${applied.created.join(', ')}` : 'all topics already exist',
);
console.log(applied.acls);
