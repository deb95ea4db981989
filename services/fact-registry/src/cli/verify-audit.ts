/**
 * Verifies the audit trails of the mesh's services against the chain heads anchored on Kafka.
 *   pnpm --filter @motlan/fact-registry audit:verify [--schema NAME]... [--anchors-topic NAME] [--json]
 *
 * Default schemas: FACT_REGISTRY_SCHEMA, POPULATION_ADAPTER_SCHEMA and ONE_STOP_SCHEMA (their
 * services' defaults when unset); a schema without an audit table is reported and skipped, unless
 * chains were anchored for it. Per chain: links checked, head, anchored head, the first break.
 * Exit code 0 when every trail is intact, 1 when any chain is broken, 2 when it cannot check
 * (anchors unreadable, database unreachable).
 */
import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { readAuditAnchors, verifyAuditTrail, type AuditTrailVerdict } from '@motlan/access';
import { createPool } from '@motlan/db';
import { createKafka, prefixed, Topics } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import { readConfig } from '../config.ts';

const USAGE = `Usage: pnpm --filter @motlan/fact-registry audit:verify [--schema NAME]... [--anchors-topic NAME] [--json]
Checks every chain of every audit trail: each link's hash and back-link, no link missing, and against the
chain heads anchored on ${Topics.accessAuditAnchors.name}: every anchored chain present, reaching its anchored
sequence with the anchored hash there. Exit 0 intact, 1 broken, 2 could not check.`;

const OPTIONS = {
  schema: { type: 'string', multiple: true },
  'anchors-topic': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** A usage error is "could not check" (2), never "broken" (1): scripts act on the exit code. */
function readArgs() {
  try {
    return parseArgs({ args: commandLineArgs(), options: OPTIONS }).values;
  } catch (error) {
    console.error(`${String(error instanceof Error ? error.message : error)}\n\n${USAGE}`);
    process.exit(2);
  }
}
const values = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const config = readConfig();
const logger = createLogger({ name: 'fact-registry-audit-verify', level: config.LOG_LEVEL });
// The other services' schema variables, read by name: this command may not import their config.
const schemas = values.schema ?? [
  config.FACT_REGISTRY_SCHEMA,
  process.env['POPULATION_ADAPTER_SCHEMA'] || 'population_adapter',
  process.env['ONE_STOP_SCHEMA'] || 'one_stop',
];
const anchorsTopic = values['anchors-topic']
  ? { ...Topics.accessAuditAnchors, name: values['anchors-topic'] }
  : prefixed(Topics.accessAuditAnchors, config.KAFKA_TOPIC_PREFIX);

let verdicts: AuditTrailVerdict[];
try {
  // An operators' tool: it reads the anchors as the operator (KafkaGrants), never as a service.
  const kafka = createKafka({ config, identity: 'operator', clientId: 'audit-verify', logger });
  const anchors = await readAuditAnchors(kafka, anchorsTopic, undefined, config.KAFKA_TOPIC_PREFIX);
  verdicts = [];
  for (const schema of schemas) {
    const pool = createPool({ url: config.DATABASE_URL, schema, max: 1, applicationName: 'audit-verify' });
    try {
      verdicts.push(await verifyAuditTrail(pool, { anchors, store: schema }));
    } finally {
      await pool.end();
    }
  }
} catch (error) {
  if (values.json) console.log(JSON.stringify({ ok: false, error: String(error) }));
  else console.error(`audit trail NOT VERIFIED: ${String(error)}`);
  process.exit(2);
}

const ok = verdicts.every((verdict) => verdict.ok);
if (values.json) {
  console.log(JSON.stringify({ ok, anchorsTopic: anchorsTopic.name, trails: verdicts }, null, 2));
} else {
  for (const verdict of verdicts) {
    if (!verdict.present && verdict.chains.length === 0) {
      console.log(`${verdict.store}: no audit trail`);
      continue;
    }
    console.log(
      `${verdict.store}: ${verdict.ok ? 'intact' : 'BROKEN'} — ${plural(verdict.chains.length, 'chain')}, ` +
        `${verdict.checked} links verified`,
    );
    for (const chain of verdict.chains) {
      const anchored =
        chain.anchored === undefined ? 'not anchored yet' : `anchored through ${chain.anchored}`;
      const state = chain.broken
        ? `BROKEN (${chain.broken.kind}) at link ${chain.broken.sequence}: ${chain.broken.reason}`
        : 'ok';
      console.log(`  ${chain.chain}  links 1..${chain.head}, ${anchored}  ${state}`);
    }
  }
}
process.exitCode = ok ? 0 : 1;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
