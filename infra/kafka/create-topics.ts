/**
 * The admin step: creates every topic declared in @motlan/kafka's topics.ts (and each one's
 * dead-letter twin) on the broker in KAFKA_BROKERS. Idempotent. Usage: pnpm topics
 */
import { brokerList, KafkaEnv, loadConfig, LogEnv, Type } from '@motlan/config';
import { allTopics, createKafka, ensureTopics, waitForBroker } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';

if (process.argv.includes('--help')) {
  console.log(
    'Usage: pnpm topics\nCreates the declared Kafka topics on KAFKA_BROKERS (default 127.0.0.1:19092).',
  );
  process.exit(0);
}
const config = loadConfig(Type.Object({ ...KafkaEnv, ...LogEnv }));
const logger = createLogger({ name: 'topics', level: config.LOG_LEVEL });
const kafka = createKafka({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'motlan-topics', logger });
await waitForBroker(kafka);
const created = await ensureTopics(kafka, allTopics(config.KAFKA_TOPIC_PREFIX));
console.log(created.length > 0 ? `created topics: ${created.join(', ')}` : 'all topics already exist');
