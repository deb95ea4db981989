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
import { lineageCommand } from './commands/lineage.ts';
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
mesh under a prefix), MOTLAN_CLI_LOG_LEVEL (kafkajs's own log lines on stderr; none by default).`;

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
    .description("Operators' CLI for the mesh's Kafka: topics, consumer lag, decoded records, dead letters.")
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

  sub(
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
    .option(
      '--unmask',
      'show personal values (IDs, names, addresses, fact values) in clear: only for operators allowed to see them. Not audited yet',
      false,
    )
    .action(
      action(
        (
          c,
          topic: string,
          options: {
            from: 'beginning' | 'end';
            limit: number;
            key?: string;
            type?: string;
            since?: Date;
            unmask: boolean;
          },
        ) => tailCommand(c, topic, options),
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

  sub(
    'lineage',
    "one fact of the registry (read-only SQL on its schema): provenance, content hash recomputed and compared, current or superseded by which, and who has read the citizen's facts of that type since",
  )
    .argument('<fact-id>', 'the fact id (as in fact_history, and the event id of its record)')
    .option('--database-url <url>', 'the PostgreSQL holding the registry (default DATABASE_URL)')
    .option('--registry-schema <schema>', 'the registry schema (default FACT_REGISTRY_SCHEMA, fact_registry)')
    .option(
      '--unmask',
      'show the personal ID and the value in clear: only for operators allowed to see them. Not audited yet',
      false,
    )
    .action(
      action(
        (_c, factId: string, options: { databaseUrl?: string; registrySchema?: string; unmask: boolean }) =>
          lineageCommand(io.env, factId, options),
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
  dlqSub('show', 'one dead letter decoded, with its original envelope, the reason and where it came from')
    .argument('<topic>', 'the source topic (or its .dlq twin)')
    .argument('<position>', 'partition:offset in the dead-letter topic, as `dlq list` shows it')
    .option(
      '--unmask',
      'show personal values in clear: only for operators allowed to see them. Not audited yet',
      false,
    )
    .action(
      action((c, topic: string, position: string, options: { unmask: boolean }) =>
        dlqShowCommand(c, topic, position, options),
      ),
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
      'a schema to check (repeat for several); default FACT_REGISTRY_SCHEMA, POPULATION_ADAPTER_SCHEMA, ONE_STOP_SCHEMA (fact_registry, population_adapter, one_stop)',
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
