import { readAuditAnchors, verifyAuditTrail, type AuditTrailVerdict } from '@motlan/access';
import { loadConfig, DatabaseEnv, Type } from '@motlan/config';
import { createPool } from '@motlan/db';
import { prefixed, Topics } from '@motlan/kafka';
import type { OperatorContext } from '../operator-kafka.ts';
import type { CommandOutput } from '../output.ts';
import { DEFAULT_OPERATOR_AUDIT_SCHEMA } from '../unmask-audit.ts';

/**
 * The schemas checked when none is named: the services' own variables, their defaults when unset,
 * and the operators' own trail of --unmask (OPERATOR_AUDIT_SCHEMA, operator_audit; `present: false`
 * until the first unmask).
 */
export function defaultAuditSchemas(env: Record<string, string | undefined>): string[] {
  return [
    env['FACT_REGISTRY_SCHEMA'] || 'fact_registry',
    env['POPULATION_ADAPTER_SCHEMA'] || 'population_adapter',
    env['ONE_STOP_SCHEMA'] || 'one_stop',
    env['OPERATOR_AUDIT_SCHEMA'] || DEFAULT_OPERATOR_AUDIT_SCHEMA,
  ];
}

const DatabaseConfigSchema = Type.Object({ DATABASE_URL: DatabaseEnv.DATABASE_URL });

/**
 * `motlan audit verify [--schema S]... [--database-url URL]`: the check of
 * `pnpm --filter @motlan/fact-registry audit:verify` (the same @motlan/access functions): every chain
 * of every schema's audit trail recomputed, and checked against the chain heads anchored on
 * access.audit-anchors.v1 (under KAFKA_TOPIC_PREFIX, read as `operator`). Resolves with the verdicts
 * and exit code 1 when any chain is broken; throws (exit 1, error on stderr) when it could not check:
 * MOTLAN_AUDIT_ANCHORS_UNREADABLE, MOTLAN_CONFIG_INVALID (DATABASE_URL), or the database's error.
 */
export async function auditVerifyCommand(
  context: OperatorContext,
  env: Record<string, string | undefined>,
  options: { schema?: string[]; databaseUrl?: string },
): Promise<CommandOutput> {
  const { DATABASE_URL } = loadConfig(DatabaseConfigSchema, {
    DATABASE_URL: options.databaseUrl ?? env['DATABASE_URL'],
  });
  const schemas = options.schema?.length ? options.schema : defaultAuditSchemas(env);
  const anchorsTopic = prefixed(Topics.accessAuditAnchors, context.prefix);
  const anchors = await readAuditAnchors(context.kafka, anchorsTopic, undefined, context.prefix);
  const trails: AuditTrailVerdict[] = [];
  for (const schema of schemas) {
    const pool = createPool({ url: DATABASE_URL, schema, max: 1, applicationName: 'motlan-audit-verify' });
    try {
      trails.push(await verifyAuditTrail(pool, { anchors, store: schema }));
    } finally {
      await pool.end();
    }
  }
  const ok = trails.every((trail) => trail.ok);
  return {
    json: { ok, anchorsTopic: anchorsTopic.name, trails },
    text: trails.map(trailText).join('\n'),
    exitCode: ok ? 0 : 1,
  };
}

function trailText(verdict: AuditTrailVerdict): string {
  if (!verdict.present && verdict.chains.length === 0) return `${verdict.store}: no audit trail`;
  const lines = [
    `${verdict.store}: ${verdict.ok ? 'intact' : 'BROKEN'} — ${plural(verdict.chains.length, 'chain')}, ` +
      `${verdict.checked} links verified`,
  ];
  for (const chain of verdict.chains) {
    const anchored = chain.anchored === undefined ? 'not anchored yet' : `anchored through ${chain.anchored}`;
    const state = chain.broken
      ? `BROKEN (${chain.broken.kind}) at link ${chain.broken.sequence}: ${chain.broken.reason}`
      : 'ok';
    lines.push(`  ${chain.chain}  links 1..${chain.head}, ${anchored}  ${state}`);
  }
  return lines.join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
