/**
 * Rebuilds the registry from citizen.facts.v1, offset zero, into an empty schema, then prints the
 * current view's digest — and, with --compare, whether it equals the live schema's.
 *   pnpm --filter @motlan/fact-registry run rebuild [--schema NAME] [--compare LIVE_SCHEMA]
 */
import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { createPool } from '@motlan/db';
import { createKafka, prefixed, Topics } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import { progressDisplay } from '@motlan/progress';
import { readConfig } from '../config.ts';
import { MIGRATIONS } from '../migrations-dir.ts';
import { rebuildRegistry } from '../rebuild.ts';
import { currentViewDigest } from '../store/fact-queries.ts';

const { values } = parseArgs({
  args: commandLineArgs(),
  options: {
    schema: { type: 'string' },
    compare: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: pnpm --filter @motlan/fact-registry run rebuild [--schema NAME] [--compare LIVE_SCHEMA]
Replays citizen.facts.v1 from offset zero into an empty schema (default <FACT_REGISTRY_SCHEMA>_rebuild_<time>)
and prints the current view's row count and digest; --compare checks it against another schema.`);
  process.exit(0);
}

const config = readConfig();
const logger = createLogger({ name: 'fact-registry-rebuild', level: config.LOG_LEVEL });
// The registry's own tool, so the registry's identity (and its groups) on Kafka.
const kafka = createKafka({ config, identity: 'fact-registry', clientId: 'fact-registry-rebuild', logger });
const schema = values.schema ?? `${config.FACT_REGISTRY_SCHEMA}_rebuild_${Date.now()}`;
const display = progressDisplay('rebuild', 'facts');
const result = await rebuildRegistry({
  kafka,
  databaseUrl: config.DATABASE_URL,
  schema,
  migrationsDir: MIGRATIONS,
  topic: prefixed(Topics.citizenFacts, config.KAFKA_TOPIC_PREFIX),
  // Under its own groups (FACT_REGISTRY_GROUP), the only ones its ACLs let it use.
  groupId: `${config.FACT_REGISTRY_GROUP}-rebuild-${Date.now()}`,
  logger,
  concurrency: config.CONSUMER_CONCURRENCY,
  discrepancies: config.REGISTRY_DISCREPANCIES === 'on',
  onProgress: (done, total) => display.update({ done, total }),
});
display.stop();
console.log(
  `rebuilt ${schema}: ${result.messages} messages in ${result.seconds.toFixed(1)} s ` +
    `(${Math.round(result.messages / Math.max(result.seconds, 0.001))}/s); current view ${result.currentView.rows} rows, digest ${result.currentView.digest}`,
);
if (values.compare) {
  const pool = createPool({
    url: config.DATABASE_URL,
    schema: values.compare,
    applicationName: 'fact-registry-rebuild',
  });
  const live = await currentViewDigest(pool);
  await pool.end();
  const same = live.digest === result.currentView.digest && live.rows === result.currentView.rows;
  console.log(
    `${values.compare}: ${live.rows} rows, digest ${live.digest} — ${same ? 'IDENTICAL' : 'DIFFERENT'}`,
  );
  process.exitCode = same ? 0 : 1;
}
