import { DatabaseEnv, loadConfig, Type } from '@motlan/config';
import { createPool } from '@motlan/db';
import { MotlanError } from '@motlan/errors';
import { OpsCliErrors } from '../errors.ts';
import { DOSSIER_CODE, traceMesh, type MeshTrace, type TraceQuery } from '../mesh-trace.ts';
import type { OperatorContext } from '../operator-kafka.ts';
import { table, type CommandOutput } from '../output.ts';
import { defaultAuditSchemas } from './audit-verify.ts';

export interface TraceOptions {
  databaseUrl?: string;
  oneStopSchema?: string;
  registrySchema?: string;
  /** Audit schemas to read disclosures from (default: audit verify's). */
  auditSchema?: string[];
  /** Records read per partition when looking for each topic's records. */
  searchLimit?: number;
}

const DatabaseConfigSchema = Type.Object({ DATABASE_URL: DatabaseEnv.DATABASE_URL });

/** A request id as the mesh takes one (x-request-id): printable, no spaces, at most 200 characters. */
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * `motlan trace <request-id | dossier code>`: `traceMesh` over the services' schemas
 * (DATABASE_URL; ONE_STOP_SCHEMA, FACT_REGISTRY_SCHEMA and audit verify's schemas unless named)
 * and the operator's Kafka, formatted. A dossier code is one-stop's `MT-YYYYMMDD-NNNNNN`; anything
 * else is a request id. Throws MOTLAN_OPS_USAGE for an argument that is neither,
 * MOTLAN_OPS_TRACE_NOT_FOUND when the mesh kept nothing of it, MOTLAN_CONFIG_INVALID (DATABASE_URL),
 * or the database's error.
 */
export async function traceCommand(
  context: OperatorContext,
  env: Record<string, string | undefined>,
  target: string,
  options: TraceOptions,
): Promise<CommandOutput & { json: MeshTrace }> {
  if (!DOSSIER_CODE.test(target) && !REQUEST_ID.test(target)) {
    throw new MotlanError(
      OpsCliErrors.usage,
      'trace takes a request id (printable, no spaces, up to 200 characters) or a dossier code (MT-YYYYMMDD-NNNNNN)',
      { field: 'target' },
    );
  }
  const query: TraceQuery = DOSSIER_CODE.test(target) ? { dossierCode: target } : { requestId: target };
  const { DATABASE_URL } = loadConfig(DatabaseConfigSchema, {
    DATABASE_URL: options.databaseUrl ?? env['DATABASE_URL'],
  });
  const schemas = {
    oneStop: options.oneStopSchema ?? (env['ONE_STOP_SCHEMA'] || 'one_stop'),
    registry: options.registrySchema ?? (env['FACT_REGISTRY_SCHEMA'] || 'fact_registry'),
    audit: options.auditSchema?.length ? options.auditSchema : defaultAuditSchemas(env),
  };
  const pool = createPool({
    url: DATABASE_URL,
    schema: schemas.oneStop,
    max: 1,
    applicationName: 'motlan-trace',
  });
  let trace: MeshTrace;
  try {
    trace = await traceMesh(pool, schemas, query, {
      context,
      ...(options.searchLimit ? { searchLimit: options.searchLimit } : {}),
    });
  } finally {
    await pool.end();
  }
  if (trace.hops.length === 0) {
    const what = 'dossierCode' in query ? `dossier ${target}` : `request ${target}`;
    throw new MotlanError(
      OpsCliErrors.traceNotFound,
      `The mesh kept nothing of ${what} (${[...new Set([schemas.oneStop, schemas.registry, ...schemas.audit])].join(', ')})${trace.notes.length ? `; ${trace.notes.join('; ')}` : ''}`,
      { field: 'target' },
    );
  }
  return { json: trace, text: traceText(trace) };
}

/** A trace for a terminal: what was traced, then one line per hop, oldest first, then the notes. */
export function traceText(trace: MeshTrace): string {
  const d = trace.dossier;
  const head = [
    `trace of ${trace.query.kind} ${trace.query.value}: ${trace.hops.length} hops over ${trace.durationMs} ms`,
    ...(d
      ? [
          `  dossier ${d.code} (${d.id}): procedure ${d.procedureCode} at ${d.unitCode}, ${d.status}, received ${d.receivedAt}`,
        ]
      : []),
    `  request ids ${trace.requestIds.join(', ') || 'none'}`,
    `  trace ids   ${trace.traceIds.join(', ') || 'none kept'}`,
  ];
  const rows = trace.hops.map((h) => [
    h.at,
    `+${h.sinceStartMs}ms`,
    h.service,
    h.kind,
    h.what,
    h.kafka ? `${h.kafka.topic} ${h.kafka.partition}:${h.kafka.offset}` : '',
    h.traceId ?? '',
    h.requestId ?? '',
  ]);
  return [
    ...head,
    '',
    table(['AT', 'SINCE', 'SERVICE', 'KIND', 'WHAT', 'KAFKA', 'TRACE', 'REQUEST'], rows),
    ...(trace.notes.length ? ['', ...trace.notes.map((n) => `note: ${n}`)] : []),
  ].join('\n');
}
