import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isMotlanError } from '@motlan/errors';
import { OpsCliErrors } from './errors.ts';
import { kafkaFailure } from './kafka-failure.ts';
import { operatorContext, type OperatorContext } from './operator-kafka.ts';
import type { CommandOutput } from './output.ts';
import { topicsCommand } from './commands/topics.ts';
import { lagCommand } from './commands/lag.ts';
import { tailCommand } from './commands/tail.ts';
import { auditVerifyCommand } from './commands/audit-verify.ts';
import { lineageCommand, lineageUnmasked } from './commands/lineage.ts';
import { traceCommand } from './commands/trace.ts';
import type { DecodedRecord } from './decoded-record.ts';
import {
  auditUnmask,
  recordsUnmasked,
  requireReason,
  type UnmaskAudit,
  type UnmaskedItem,
} from './unmask-audit.ts';
import { replayCommand, type ReplayFrom } from './commands/replay.ts';
import { dlqListCommand, dlqRedriveCommand, dlqShowCommand } from './commands/dlq.ts';

/** `motlan`'s exit codes (its --help lists them). */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** Where a run reads its settings and writes its output; the process's own by default. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const EXIT_CODES = `
Exit codes: 0 done; 1 the command failed (Kafka unreachable, refused, no such dead letter) or its
answer is no (audit verify: a trail is broken); 2 bad usage (unknown command or option, malformed argument, undeclared topic).`;

const ENVIRONMENT = `
Environment: KAFKA_BROKERS (127.0.0.1:19092), KAFKA_SECURITY (ssl), KAFKA_SSL_CERT_DIR
(infra/certs/.certs: the CLI presents operator.pem), KAFKA_TOPIC_PREFIX (topics and groups of a
mesh under a prefix), MOTLAN_CLI_LOG_LEVEL (kafkajs's own log lines on stderr; none by default);
DATABASE_URL (lineage, trace, audit verify, and the audit of --unmask), OPERATOR_AUDIT_SCHEMA
(operator_audit: where --unmask is recorded), MOTLAN_OPERATOR (who you are in that record; the OS
user by default).`;

const UNMASK_HELP = `
--unmask needs --reason: each use is recorded before anything is shown in clear, one link per
citizen shown, in the operators' hash-chained audit trail (DATABASE_URL, schema
OPERATOR_AUDIT_SCHEMA or --audit-schema, default operator_audit), relayed to access.audit.v1 (the
citizen's disclosures in the registry) and anchored on access.audit-anchors.v1 (audit verify).
If it cannot be recorded, nothing is shown (exit 1).`;

const USAGE_ERRORS = new Set<string>([
  OpsCliErrors.usage.code,
  OpsCliErrors.topicUnknown.code,
  OpsCliErrors.replayNoTopic.code,
]);

/**
 * Runs `motlan <argv>` and resolves with its exit code (ExitCode); never calls process.exit, so
 * tests run it in-process. Under --json, results are one JSON document on stdout and errors one
 * `{"error":{"code","message"}}` on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  let exitCode: number = ExitCode.ok;
  let context: OperatorContext | undefined;
  const connect = () => (context ??= operatorContext(io.env));
  const print = (output: CommandOutput) =>
    io.stdout(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
  /** Records the use of --unmask (fail closed: throws before anything is printed), then says where. */
  const audited = async (
    c: OperatorContext,
    options: UnmaskOptions,
    output: CommandOutput,
    items: UnmaskedItem[],
  ): Promise<CommandOutput> => {
    if (!options.unmask) return output;
    const audit = await auditUnmask(
      c,
      io.env,
      {
        reason: options.reason!,
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(options.auditSchema ? { auditSchema: options.auditSchema } : {}),
      },
      items,
    );
    return {
      ...output,
      json: { ...(output.json as object), unmaskAudit: audit },
      text: `${output.text}\n${unmaskAuditText(audit)}`,
    };
  };
  const action =
    <A extends unknown[]>(run: (context: OperatorContext, ...args: A) => Promise<CommandOutput>) =>
    async (...args: A) => {
      try {
        const output = await run(connect(), ...args);
        print(output);
        exitCode = output.exitCode ?? ExitCode.ok;
      } catch (error) {
        throw kafkaFailure(error);
      }
    };

  const program = new Command('motlan')
    .description(
      "Operators' CLI for the mesh's Kafka: topics, consumer lag, decoded records, dead letters, lineage of a fact, trace of a request or dossier.",
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES + ENVIRONMENT)
    .enablePositionalOptions(false);
  const jsonOption = () => new Option('--json', 'print one JSON document instead of text');
  const sub = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .addOption(jsonOption())
      .addHelpText('after', EXIT_CODES)
      .exitOverride()
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .showHelpAfterError('(add --help for usage)');

  sub(
    'topics',
    'every declared topic and dead-letter twin: partitions, retention, message count (end − start offsets)',
  ).action(action((c) => topicsCommand(c)));

  sub(
    'lag',
    "per consumer group and partition: committed offset, end offset and lag (the CLI's own groups left out)",
  )
    .option('--group <group>', 'only this group (as declared, e.g. fact-registry-disclosures)')
    .action(action((c, options: { group?: string }) => lagCommand(c, options)));

  const tailCmd = sub(
    'tail',
    'records of a topic, decoded with their protobuf schema (named in the output), with their envelope headers',
  )
    .argument('<topic>', 'a declared topic or dead-letter twin, e.g. citizen.facts.v1 (`motlan topics`)')
    .addOption(
      new Option('--from <where>', 'the first or the last records')
        .choices(['beginning', 'end'])
        .default('beginning'),
    )
    .option('--limit <n>', 'at most this many records (1-10000)', positiveInt, 20)
    .option('--key <key>', 'only records with this key (a personal ID on most topics)')
    .option('--type <event-type>', 'only records of this event type (motlan-event-type header)')
    .option('--since <iso>', 'only records written at or after this ISO 8601 instant', isoInstant)
    .addHelpText(
      'after',
      `
With a filter (--key, --type, --since) the topic is read record by record keeping only the matches:
--from beginning stops at the --limit-th match and, as text, prints each as it is found; --from end
reads to the end keeping the latest --limit. --since starts at the broker's time index.`,
    );
  unmaskOptions(
    tailCmd,
    'show personal values (IDs, names, addresses, fact values) in clear: only for operators allowed to see them; audited (--reason required)',
  ).action(
    action(
      async (
        c,
        topic: string,
        options: {
          from: 'beginning' | 'end';
          limit: number;
          key?: string;
          type?: string;
          since?: Date;
        } & UnmaskOptions,
      ) => {
        requireReason(options.unmask, options.reason);
        const output = await tailCommand(c, topic, { ...options, ...(json ? {} : { emit: io.stdout }) });
        return audited(c, options, output, recordsUnmasked(output.json.records));
      },
    ),
  );

  sub(
    'replay',
    "move a consumer group's committed offsets back (or forward) so its consumers re-read from there when they start; refused while the group has members (a running consumer)",
  )
    .argument('<group>', 'a consumer group as declared, e.g. fact-registry (`motlan lag` lists them)')
    .requiredOption(
      '--from <offset|instant>',
      "an offset (the same on every partition; a partition's start or end where it lies outside) or an ISO 8601 instant (the first record written at or after it)",
      replayFrom,
    )
    .option('--topic <topic>', 'only this topic (default: every topic the group has committed offsets on)')
    .option('--dry-run', 'print the offsets it would set and change nothing', false)
    .action(
      action((c, group: string, options: { from: ReplayFrom; topic?: string; dryRun: boolean }) =>
        replayCommand(c, group, options),
      ),
    );

  const lineageCmd = sub(
    'lineage',
    "one fact of the registry (read-only SQL on its schema): provenance, content hash recomputed and compared, current or superseded by which, and who has read the citizen's facts of that type since",
  )
    .argument('<fact-id>', 'the fact id (as in fact_history, and the event id of its record)')
    .option(
      '--database-url <url>',
      'the PostgreSQL holding the registry and the audit trail of --unmask (default DATABASE_URL)',
    )
    .option('--registry-schema <schema>', 'the registry schema (default FACT_REGISTRY_SCHEMA, fact_registry)')
    .option(
      '--search-limit <n>',
      "records read on the fact's partition of citizen.facts.v1, from a minute before it was stored, to find its record (1-10000)",
      positiveInt,
    );
  unmaskOptions(
    lineageCmd,
    'show the personal ID and the value in clear: only for operators allowed to see them; audited (--reason required)',
    false,
  ).action(
    action(
      async (
        c,
        factId: string,
        options: { registrySchema?: string; searchLimit?: number } & UnmaskOptions,
      ) => {
        requireReason(options.unmask, options.reason);
        const output = await lineageCommand(io.env, factId, options, c);
        return audited(c, options, output, lineageUnmasked(output.json));
      },
    ),
  );

  sub(
    'trace',
    'follow one request or one dossier through what the mesh keeps: dossier steps, records produced (topic, partition, offset, trace id), facts stored, disclosures answered, oldest first',
  )
    .argument(
      '<request-id|dossier-code>',
      'a request id (x-request-id) or a dossier code of one-stop (MT-YYYYMMDD-NNNNNN)',
    )
    .option('--database-url <url>', "the PostgreSQL holding the services' schemas (default DATABASE_URL)")
    .option('--one-stop-schema <schema>', "one-stop's schema (default ONE_STOP_SCHEMA, one_stop)")
    .option(
      '--registry-schema <schema>',
      "the registry's schema (default FACT_REGISTRY_SCHEMA, fact_registry)",
    )
    .option(
      '--audit-schema <schema>',
      'a schema whose audit trail is read for disclosures (repeat for several); default those of audit verify',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--search-limit <n>',
      "records read per partition of a topic, from a minute before the first event, to find the records' positions (1-10000)",
      positiveInt,
    )
    .addHelpText(
      'after',
      `
Read-only. Not shown, because the mesh keeps no row of them: HTTP and gRPC calls that disclosed
nothing, records produced without an outbox (adapters' facts, notifications), consumption times.
Exit 1 with MOTLAN_OPS_TRACE_NOT_FOUND when nothing of it was kept.`,
    )
    .action(
      action(
        (
          c,
          target: string,
          options: {
            databaseUrl?: string;
            oneStopSchema?: string;
            registrySchema?: string;
            auditSchema?: string[];
            searchLimit?: number;
          },
        ) => traceCommand(c, io.env, target, options),
      ),
    );

  const dlq = program
    .command('dlq')
    .description('dead letters: what consumers could not handle, with the reason, and their redrive')
    .addHelpText('after', EXIT_CODES)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const dlqSub = (name: string, description: string) =>
    dlq
      .command(name)
      .description(description)
      .addOption(jsonOption())
      .addHelpText('after', EXIT_CODES)
      .exitOverride()
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .showHelpAfterError('(add --help for usage)');
  dlqSub('list', 'every dead letter (of every declared topic, or of one) with its reason')
    .option('--topic <topic>', 'only the dead letters of this source topic')
    .action(action((c, options: { topic?: string }) => dlqListCommand(c, options)));
  unmaskOptions(
    dlqSub('show', 'one dead letter decoded, with its original envelope, the reason and where it came from')
      .argument('<topic>', 'the source topic (or its .dlq twin)')
      .argument('<position>', 'partition:offset in the dead-letter topic, as `dlq list` shows it'),
    'show personal values in clear: only for operators allowed to see them; audited (--reason required)',
  ).action(
    action(async (c, topic: string, position: string, options: UnmaskOptions) => {
      requireReason(options.unmask, options.reason);
      const output = await dlqShowCommand(c, topic, position, options);
      const { record } = output.json as { record: DecodedRecord };
      return audited(c, options, output, recordsUnmasked([record]));
    }),
  );
  dlqSub(
    'redrive',
    'write dead letters back to their source topic: the original key, value and envelope (same event id, so consumers apply it once)',
  )
    .argument('<topic>', 'the source topic (or its .dlq twin)')
    .option('--offset <position>', 'the one dead letter at partition:offset of the dead-letter topic')
    .option('--all', 'every dead letter of the topic', false)
    .option('--dry-run', 'print what would be redriven and write nothing', false)
    .action(
      action((c, topic: string, options: { offset?: string; all: boolean; dryRun: boolean }) =>
        dlqRedriveCommand(c, topic, options),
      ),
    );

  const audit = program
    .command('audit')
    .description('the audit trails of disclosures: verify their hash chains against the anchors on Kafka')
    .addHelpText('after', EXIT_CODES)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  audit
    .command('verify')
    .description(
      "every chain of every schema's audit trail (links' hashes, back-links, no link missing) and, against the chain heads anchored on access.audit-anchors.v1, no cut tail, dropped or recomputed chain: the check of `pnpm --filter @motlan/fact-registry audit:verify`",
    )
    .addOption(jsonOption())
    .option(
      '--schema <schema>',
      'a schema to check (repeat for several); default FACT_REGISTRY_SCHEMA, POPULATION_ADAPTER_SCHEMA, ONE_STOP_SCHEMA, OPERATOR_AUDIT_SCHEMA (fact_registry, population_adapter, one_stop, operator_audit: the record of --unmask)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--database-url <url>', 'the PostgreSQL holding the schemas (default DATABASE_URL)')
    .addHelpText(
      'after',
      `
Exit codes: 0 every trail intact; 1 a chain is broken (the verdict on stdout, ok false) or it could
not check (the error on stderr: anchors unreadable, database unreachable); 2 bad usage.
(audit:verify's own 0 intact / 1 broken / 2 could not check: its 2 is this 1 with an error.)`,
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .action(
      action((c, options: { schema?: string[]; databaseUrl?: string }) =>
        auditVerifyCommand(c, io.env, options),
      ),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are asked for, not errors; commander has printed everything else.
      exitCode = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)
        ? ExitCode.ok
        : ExitCode.usage;
    } else {
      const code = isMotlanError(error) ? error.code : 'MOTLAN_INTERNAL';
      const message = (error as Error).message;
      exitCode = isMotlanError(error) && USAGE_ERRORS.has(error.code) ? ExitCode.usage : ExitCode.failure;
      io.stderr(json ? `${JSON.stringify({ error: { code, message } })}\n` : `motlan: ${code}: ${message}\n`);
    }
  }
  return exitCode;
}

/** The options every command that can show personal values in clear takes. */
interface UnmaskOptions {
  unmask: boolean;
  reason?: string;
  auditSchema?: string;
  databaseUrl?: string;
}

/** Adds --unmask, --reason, --audit-schema (and --database-url unless the command has its own). */
function unmaskOptions(command: Command, unmaskHelp: string, databaseUrl = true): Command {
  command
    .option('--unmask', unmaskHelp, false)
    .option(
      '--reason <why>',
      'why you unmask (required with --unmask; recorded as the purpose of the audit record)',
    )
    .option(
      '--audit-schema <schema>',
      "the operators' audit trail that records --unmask (default OPERATOR_AUDIT_SCHEMA, operator_audit)",
    );
  if (databaseUrl) {
    command.option(
      '--database-url <url>',
      'the PostgreSQL of the audit trail of --unmask (default DATABASE_URL)',
    );
  }
  return command.addHelpText('after', UNMASK_HELP);
}

function unmaskAuditText(audit: UnmaskAudit): string {
  if (audit.links === 0) return 'unmasked: nothing was shown, so nothing was recorded';
  return (
    `unmasked: recorded as request ${audit.requestId} by ${audit.client} in ${audit.schema}.audit_log (${audit.links} link(s))` +
    (audit.relayed ? '' : '; not yet on access.audit.v1 (Kafka failed): the next --unmask relays it')
  );
}

function positiveInt(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 10_000) {
    throw new InvalidArgumentError('a whole number from 1 to 10000');
  }
  return value;
}

function replayFrom(text: string): ReplayFrom {
  if (/^\d+$/.test(text)) return { offset: BigInt(text) };
  return { time: isoInstant(text) };
}

function isoInstant(text: string): Date {
  const value = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(value.getTime())) {
    throw new InvalidArgumentError(
      'an ISO 8601 instant, e.g. 2026-12-01T06:00:00Z (or, for replay, an offset)',
    );
  }
  return value;
}
