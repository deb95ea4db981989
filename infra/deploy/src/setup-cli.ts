/**
 * The setup job: `node infra/deploy/dist/setup-cli.js [--migrations] [--topics]` (the `motlan/setup`
 * image's entry). --migrations: every service schema's migrations on DATABASE_URL; --topics: the
 * declared topics and ACLs on KAFKA_BROKERS as kafka-admin. Exit 0 done, 1 failed, 2 bad usage.
 */
import { DatabaseEnv, KafkaEnv, loadConfig, LogEnv, Type } from '@motlan/config';
import { createKafka, KAFKA_ADMIN_IDENTITY, waitForBroker } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import { REPO_ROOT } from './repo-root.ts';
import { migrationPlan, provisionDeclaredTopics, runMigrations } from './setup.ts';

const USAGE = 'Usage: setup-cli [--migrations] [--topics]   (at least one)';
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--migrations' && arg !== '--topics');
if (unknown.length > 0 || args.length === 0) {
  console.error(unknown.length > 0 ? `unknown argument ${unknown.join(' ')}\n${USAGE}` : USAGE);
  process.exit(2);
}

const config = loadConfig(Type.Object({ ...LogEnv, ...KafkaEnv, ...DatabaseEnv }));
const logger = createLogger({ name: 'setup', level: config.LOG_LEVEL });
try {
  if (args.includes('--topics')) {
    const kafka = createKafka({ config, identity: KAFKA_ADMIN_IDENTITY, clientId: 'motlan-setup', logger });
    await waitForBroker(kafka, 120_000);
    const result = await provisionDeclaredTopics(kafka, config.KAFKA_TOPIC_PREFIX);
    logger.info({ created: result.created, acls: result.acls }, 'topics and ACLs in place');
  }
  if (args.includes('--migrations')) {
    await runMigrations(config.DATABASE_URL, migrationPlan(REPO_ROOT, process.env), logger);
  }
} catch (error) {
  logger.error({ err: error }, 'setup failed');
  process.exit(1);
}
