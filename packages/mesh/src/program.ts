import { dirname, basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/mesh/src/program.ts): where every process runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Something the mesh runs as a process: a service, a simulator or a one-shot CLI of one of them.
 * `folder` is the package's folder relative to the repository root (`services/one-stop`), `entry`
 * its entry point relative to that folder (`src/main.ts`).
 */
export interface Program {
  folder: string;
  entry: string;
  /** Command-line arguments after the entry, e.g. `['--if-never-run']`. */
  args?: readonly string[];
}

/** What to spawn: an executable, its arguments, and the folder to run it in. */
export interface Command {
  command: string;
  args: string[];
  cwd: string;
}

export interface CommandOptions {
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
  /** Modules preloaded with `--import` after the loader (absolute paths or package names). */
  preload?: readonly string[];
}

/**
 * How a program is executed — the ONE place that knows. Today: `node --import tsx
 * <folder>/<entry>` from the repository root (TypeScript run directly, no build step).
 * When services run from a compiled build, this function alone changes (e.g. to
 * `node <folder>/dist/<entry as .js>`); every caller (pnpm start, the testkit's mesh, benches)
 * goes through it.
 */
export function commandFor(program: Program, options: CommandOptions = {}): Command {
  return {
    command: process.execPath,
    args: [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      ...(options.preload ?? []).flatMap((module) => ['--import', module]),
      join(REPO_ROOT, program.folder, program.entry),
      ...(program.args ?? []),
    ],
    cwd: REPO_ROOT,
  };
}

/**
 * The program at a repository-relative path: `services/one-stop/src/main.ts` is folder
 * `services/one-stop`, entry `src/main.ts` (split at the package's `src/`); a path without a
 * `src/` segment is its folder and file name.
 */
export function programAt(path: string, args: readonly string[] = []): Program {
  const at = path.indexOf('/src/');
  if (at > 0) return { folder: path.slice(0, at), entry: path.slice(at + 1), args };
  return { folder: dirname(path), entry: basename(path), args };
}
