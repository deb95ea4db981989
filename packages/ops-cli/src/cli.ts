/**
 * `pnpm motlan <command>`: the operators' CLI (see `pnpm motlan --help`).
 * Exit codes: 0 done; 1 the command failed; 2 bad usage.
 */
import { commandLineArgs } from '@motlan/config';
import { runCli } from './program.ts';

process.exitCode = await runCli(commandLineArgs(), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
