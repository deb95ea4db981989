/**
 * A command's own arguments: `process.argv` after the script, without the `--` that
 * `pnpm <script> -- --flag` passes through (node:util's parseArgs would read it as the end of
 * options and refuse every flag after it as an unexpected positional).
 */
export function commandLineArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}
