import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { ACCESS_MIGRATIONS, AuditRelay, AuditTrail, type AuditLinksTopic } from '@motlan/access';
import { DatabaseEnv, loadConfig, Type } from '@motlan/config';
import { appRoleOf, createPool, migrate } from '@motlan/db';
import { MotlanError } from '@motlan/errors';
import { createEventProducer, prefixed, Topics } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import type { DecodedRecord } from './decoded-record.ts';
import { OpsCliErrors } from './errors.ts';
import { OPERATOR_IDENTITY, type OperatorContext } from './operator-kafka.ts';

/** The schema the operators' unmask audit trail lives in when OPERATOR_AUDIT_SCHEMA is unset. */
export const DEFAULT_OPERATOR_AUDIT_SCHEMA = 'operator_audit';

/** One citizen whose personal values a command showed in clear, and what of theirs it showed. */
export interface UnmaskedItem {
  /** The personal ID (a record's key on most topics; a fact's subject). */
  subject: string;
  /** What was shown, e.g. `identity.full_name` and `citizen.facts.v1 3:17`, or `fact <id>`. */
  what: string[];
}

/** Where a use of --unmask was recorded (printed with the command's output). */
export interface UnmaskAudit {
  /** The request id of every link of this use (one per citizen shown). */
  requestId: string;
  /** The audit chain's schema (OPERATOR_AUDIT_SCHEMA, default operator_audit). */
  schema: string;
  /** Who, as recorded in each link's `client`: `operator/<MOTLAN_OPERATOR or the OS user>`. */
  client: string;
  links: number;
  /** Whether the links reached access.audit.v1 (and their chain head access.audit-anchors.v1) now. */
  relayed: boolean;
}

/** The settings of `--unmask`: why (required) and where the trail is. */
export interface UnmaskSettings {
  reason: string;
  databaseUrl?: string;
  auditSchema?: string;
}

const DatabaseConfigSchema = Type.Object({ DATABASE_URL: DatabaseEnv.DATABASE_URL });

/** MOTLAN_OPS_USAGE unless `--reason` says why: an unmask is recorded with its reason (issue 14). */
export function requireReason(unmask: boolean, reason: string | undefined): void {
  if (unmask && (reason === undefined || reason.trim() === '')) {
    throw new MotlanError(
      OpsCliErrors.usage,
      '--unmask needs --reason <why> (recorded in the audit trail with who unmasked what)',
      { field: 'reason' },
    );
  }
}

/** What a list of decoded records shows in clear: each record's key, its position and its fact type. */
export function recordsUnmasked(records: readonly DecodedRecord[]): UnmaskedItem[] {
  return records.map((record) => {
    const type = (record.value as { type?: unknown } | null)?.type;
    return {
      subject: record.key,
      what: [
        ...(typeof type === 'string' ? [type] : []),
        `${record.topic} ${record.partition}:${record.offset}`,
      ],
    };
  });
}

/**
 * Records one use of --unmask in the operators' hash-chained audit trail (@motlan/access
 * AuditTrail, in schema OPERATOR_AUDIT_SCHEMA, default operator_audit, migrated here with
 * ACCESS_MIGRATIONS): one link per citizen shown, `client` = `operator/<MOTLAN_OPERATOR or the
 * OS user>`, `purpose` = the reason, `factTypes` = what was shown, outcome `granted`, one request id
 * for the use. The links are durable before this resolves, so a caller prints nothing in clear
 * unless it resolved (fail closed). Then, as every service's AuditRelay does, it publishes them to
 * access.audit.v1 (the registry's disclosure_log: the citizen sees the operator's read) and anchors
 * the chain head on access.audit-anchors.v1 (`audit verify` checks the chain); a Kafka failure there
 * leaves `relayed` false and the links in the table, which the next use relays.
 * Throws MOTLAN_CONFIG_INVALID (DATABASE_URL) or the database's error.
 */
export async function auditUnmask(
  context: OperatorContext,
  env: Record<string, string | undefined>,
  settings: UnmaskSettings,
  items: readonly UnmaskedItem[],
): Promise<UnmaskAudit> {
  const { DATABASE_URL } = loadConfig(DatabaseConfigSchema, {
    DATABASE_URL: settings.databaseUrl ?? env['DATABASE_URL'],
  });
  const schema = settings.auditSchema ?? (env['OPERATOR_AUDIT_SCHEMA'] || DEFAULT_OPERATOR_AUDIT_SCHEMA);
  const client = `${OPERATOR_IDENTITY}/${env['MOTLAN_OPERATOR'] || userInfo().username}`;
  const requestId = randomUUID();
  // One link per citizen, naming everything of theirs that was shown.
  const bySubject = new Map<string, Set<string>>();
  for (const item of items) {
    const what = bySubject.get(item.subject) ?? new Set<string>();
    item.what.forEach((w) => what.add(w));
    bySubject.set(item.subject, what);
  }
  const audit: UnmaskAudit = { requestId, schema, client, links: bySubject.size, relayed: false };
  if (bySubject.size === 0) return { ...audit, relayed: true };
  await migrate({ url: DATABASE_URL, schema, dir: ACCESS_MIGRATIONS });
  const pool = createPool({
    url: DATABASE_URL,
    schema,
    max: 2,
    applicationName: 'motlan-unmask',
    role: appRoleOf(schema),
  });
  try {
    const trail = new AuditTrail(pool, OPERATOR_IDENTITY);
    await Promise.all(
      [...bySubject].map(([subject, what]) =>
        trail.record({
          subject,
          client,
          purpose: settings.reason,
          factTypes: [...what],
          outcome: 'granted',
          requestId,
        }),
      ),
    );
    audit.relayed = await relay(context, pool);
    return audit;
  } finally {
    await pool.end();
  }
}

/** Publishes every unsent link of the operators' trail and anchors its heads; false when Kafka failed. */
async function relay(context: OperatorContext, pool: ReturnType<typeof createPool>): Promise<boolean> {
  const logger = createLogger({ name: 'motlan', level: 'silent' });
  try {
    const producer = await createEventProducer(context.kafka, OPERATOR_IDENTITY);
    try {
      const links: AuditLinksTopic = prefixed(Topics.accessAudit, context.prefix);
      const relay = new AuditRelay(pool, producer, OPERATOR_IDENTITY, logger, links);
      while ((await relay.relayOnce()) > 0);
      return true;
    } finally {
      await producer.disconnect();
    }
  } catch {
    return false;
  }
}
