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

/** The Node.js condition under which workspace packages resolve to their sources (infra/build). */
export const SOURCE_CONDITION = '@motlan/source';

/**
 * How a program is executed — the ONE place that knows (pnpm start, the testkit's mesh, the
 * benches and the conformance suite all come here). A package's `src/<name>.ts` runs with plain
 * `node` from its build output, `<folder>/dist/<name>.js` (`pnpm build`; workspace packages then
 * resolve to their `dist/` too), so no process carries a TypeScript loader. A `.ts` file outside
 * `src/` (a test fixture, a bench driver) has no build output: it runs under tsx, with packages
 * resolved to their sources. Runs from the repository root.
 */
export function commandFor(program: Program, options: CommandOptions = {}): Command {
  const built = builtEntry(program.entry);
  const loader = built
    ? []
    : program.entry.endsWith('.ts')
      ? [`--conditions=${SOURCE_CONDITION}`, '--import', 'tsx']
      : [];
  return {
    command: process.execPath,
    args: [
      ...(options.nodeArgs ?? []),
      ...loader,
      ...(options.preload ?? []).flatMap((module) => ['--import', module]),
      join(REPO_ROOT, program.folder, built ?? program.entry),
      ...(program.args ?? []),
    ],
    cwd: REPO_ROOT,
  };
}

/** `src/cli/sync.ts` → `dist/cli/sync.js` (infra/build keeps the layout); undefined outside `src/`. */
function builtEntry(entry: string): string | undefined {
  const match = /^src\/(.+)\.ts$/.exec(entry);
  return match ? `dist/${match[1]}.js` : undefined;
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
