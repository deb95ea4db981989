import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The export condition that resolves a workspace package to its TypeScript sources. */
export const SOURCE_CONDITION = '@motlan/source';

/** A workspace package that has a `src/` folder, hence a `dist/` built from it. */
export interface BuiltPackage {
  name: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** `package.json` `exports`, as written. */
  exports: unknown;
}

/**
 * Every workspace package (the globs of `pnpm-workspace.yaml`: `dir/*` or `dir`) with a `src/`
 * folder. These are the ones `pnpm build` compiles; the others (tests, bench, infra's scripts)
 * run from source only.
 */
export function builtPackages(root = REPO_ROOT): BuiltPackage[] {
  const globs = workspaceGlobs(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'));
  const dirs = globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        exports?: unknown;
      };
      return { name: manifest.name, dir, exports: manifest.exports };
    })
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The `packages:` list of `pnpm-workspace.yaml` (a flat list of quoted or bare globs). */
export function workspaceGlobs(yaml: string): string[] {
  const globs: string[] = [];
  let inPackages = false;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPackages = line.startsWith('packages:');
    else if (inPackages) {
      const item = /^\s+-\s+['"]?([^'"#\s]+)['"]?/.exec(line);
      if (item?.[1]) globs.push(item[1]);
    }
  }
  return globs;
}

/**
 * What a `package.json` `exports` entry must be: the sources under the source condition (tsx,
 * vitest and the typecheck ask for it), the build output for everybody else (plain `node`).
 * `./src/a/b.ts` → `{ "@motlan/source": "./src/a/b.ts", "default": "./dist/a/b.js" }`.
 */
export function conditionalExport(sourcePath: string): Record<string, string> {
  return { [SOURCE_CONDITION]: sourcePath, default: distPathOf(sourcePath) };
}

/** `./src/a/b.ts` → `./dist/a/b.js`: the build mirrors `src/` into `dist/` at the same depth. */
export function distPathOf(sourcePath: string): string {
  return sourcePath.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '.js');
}

/**
 * The exports entries of a package that do not follow `conditionalExport` (empty when all do).
 * A package without `exports` (a service, which nobody imports) has nothing to check.
 */
export function exportProblems(pkg: BuiltPackage): string[] {
  if (pkg.exports === undefined) return [];
  if (typeof pkg.exports !== 'object' || pkg.exports === null)
    return [`${pkg.name}: "exports" must be an object of subpaths`];
  const problems: string[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const source =
      typeof target === 'object' && target !== null
        ? (target as Record<string, unknown>)[SOURCE_CONDITION]
        : undefined;
    const expected =
      typeof source === 'string' && source.startsWith('./src/') && source.endsWith('.ts')
        ? conditionalExport(source)
        : undefined;
    if (!expected || JSON.stringify(target) !== JSON.stringify(expected))
      problems.push(
        `${pkg.name}: exports["${subpath}"] must be ${JSON.stringify(
          conditionalExport(typeof target === 'string' ? target : './src/index.ts'),
        )}`,
      );
    else if (!existsSync(join(pkg.dir, source as string)))
      problems.push(`${pkg.name}: exports["${subpath}"] names ${String(source)}, which does not exist`);
  }
  return problems;
}
