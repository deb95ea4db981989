import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isMotlanError, type ErrorDefinition } from '@motlan/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every simulator's seed CLI takes. */
const COMMON_OPTIONS = {
  seed: { type: 'string' },
  schema: { type: 'string' },
  reset: { type: 'boolean', default: false },
  'if-empty': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/**
 * Parses a seed CLI's arguments (process.argv after the script): `--seed N`, `--schema NAME`,
 * `--reset`, `--if-empty`, `--help`, plus the simulator's own `options`. Strict: an unknown
 * option throws. A leading `--` is dropped (`pnpm seed -- --seed N` passes it through).
 */
export function parseSeedArgs<O extends Options>(args: string[], options: O) {
  return parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: { ...COMMON_OPTIONS, ...options },
    strict: true,
  }).values;
}

/**
 * An integer option's value, or `fallback` when absent. Anything else (a negative number too,
 * unless `signed`) is told on stderr and the process exits 2 (a usage error).
 */
export function integerArg(
  name: string,
  value: string | undefined,
  fallback: number,
  { signed = false }: { signed?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  if (!(signed ? /^-?\d+$/ : /^\d+$/).test(value)) {
    process.stderr.write(`--${name} must be ${signed ? 'an' : 'a non-negative'} integer, got "${value}"\n`);
    process.exit(2);
  }
  return Number(value);
}

/**
 * Runs a seed CLI: an error it throws goes to stderr as one line and the process exits 1; a
 * `notEmpty` error (the schema already holds records) adds the hint ` (use --reset)`.
 */
export function runSeedCli(run: () => Promise<void>, notEmpty: ErrorDefinition): void {
  run().catch((error: unknown) => {
    const hint = isMotlanError(error) && error.code === notEmpty.code ? ' (use --reset)' : '';
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}${hint}\n`);
    process.exit(1);
  });
}
