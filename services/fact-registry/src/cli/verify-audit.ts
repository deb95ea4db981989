/**
 * Verifies the hash chain of the registry's audit trail and names the first broken link.
 *   pnpm --filter @motlan/fact-registry audit:verify [--schema NAME]
 * Exit code 0 when intact, 1 when broken.
 */
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '@motlan/access';
import { createPool } from '@motlan/db';
import { readConfig } from '../config.ts';

const { values } = parseArgs({
  options: { schema: { type: 'string' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(
    'Usage: pnpm --filter @motlan/fact-registry audit:verify [--schema NAME]\nChecks every link of the audit hash chain.',
  );
  process.exit(0);
}
const config = readConfig();
const pool = createPool({
  url: config.DATABASE_URL,
  schema: values.schema ?? config.FACT_REGISTRY_SCHEMA,
  applicationName: 'fact-registry-audit-verify',
});
const verdict = await verifyAuditChain(pool);
await pool.end();
if (verdict.ok) {
  console.log(`audit chain intact: ${verdict.checked} links verified`);
} else {
  console.log(
    `audit chain BROKEN at link ${verdict.firstBroken!.sequence}: ${verdict.firstBroken!.reason} ` +
      `(${verdict.checked} links before it verified)`,
  );
  process.exitCode = 1;
}
