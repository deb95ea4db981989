import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { builtPackages, REPO_ROOT, type BuiltPackage } from './workspace-packages.ts';

export interface BuildResult {
  packages: number;
  /** TypeScript files compiled this run (unchanged ones are skipped). */
  compiled: number;
  /** Other files under `src/` (descriptor sets, JSON, …) copied this run. */
  copied: number;
  /** `dist/` files whose source is gone. */
  removed: number;
  ms: number;
}

/** What the build's output depends on besides each source file: a change here rebuilds all. */
const buildInputs = (root: string) => [fileURLToPath(import.meta.url), join(root, 'tsconfig.base.json')];

/**
 * Compiles every workspace package's `src/` into its `dist/` at the same depth (`src/a/b.ts` →
 * `dist/a/b.js` + `.js.map`), so paths a module finds relative to `import.meta.url` (`../migrations/`,
 * `../data/`, the repository root) are the same from both; files under `src/` that are not
 * TypeScript (the proto descriptor set, JSON) are copied beside the output, so `./generated/x`
 * resolves from `dist/` too. Relative `./x.ts` imports become `./x.js`
 * (`rewriteRelativeImportExtensions`).
 *
 * Each file is transpiled on its own (`ts.transpileModule`): the workspace is `isolatedModules` and
 * `verbatimModuleSyntax`, so a file's JavaScript never depends on another file's types, and type
 * errors are `pnpm typecheck`'s job. Incremental: a file is compiled again only when its source is
 * newer than its output (or this script or `tsconfig.base.json` changed); outputs without a
 * source are removed. Throws on a syntax error, naming the file. `root`: a folder laid out as the
 * repository (`pnpm-workspace.yaml`, `tsconfig.base.json`).
 */
export function build(root = REPO_ROOT): BuildResult {
  const started = performance.now();
  const options = compilerOptions(root);
  const inputsChanged = Math.max(...buildInputs(root).map((file) => statSync(file).mtimeMs));
  const result: BuildResult = { packages: 0, compiled: 0, copied: 0, removed: 0, ms: 0 };
  for (const pkg of builtPackages(root)) {
    buildPackage(root, pkg, options, inputsChanged, result);
    result.packages += 1;
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

function compilerOptions(root: string): ts.CompilerOptions {
  const file = join(root, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  return {
    ...options,
    noEmit: false,
    declaration: false,
    sourceMap: true,
    rewriteRelativeImportExtensions: true,
  };
}

function buildPackage(
  root: string,
  pkg: BuiltPackage,
  options: ts.CompilerOptions,
  inputsChanged: number,
  result: BuildResult,
): void {
  const srcDir = join(pkg.dir, 'src');
  const distDir = join(pkg.dir, 'dist');
  const expected = new Set<string>();
  for (const source of walk(srcDir)) {
    const rel = relative(srcDir, source);
    if (rel.endsWith('.d.ts')) continue;
    const sourceTime = Math.max(statSync(source).mtimeMs, inputsChanged);
    if (rel.endsWith('.ts')) {
      const out = join(distDir, rel.replace(/\.ts$/, '.js'));
      expected.add(out).add(`${out}.map`);
      if (isFresh(out, sourceTime) && isFresh(`${out}.map`, sourceTime)) continue;
      const emitted = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: options,
        fileName: source,
        reportDiagnostics: true,
      });
      const errors = (emitted.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length > 0)
        throw new Error(
          `${relative(root, source)}: ${errors
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
            .join('; ')}`,
        );
      const map = JSON.parse(emitted.sourceMapText ?? '{}') as { sources?: string[] };
      map.sources = [relative(dirname(out), source)];
      writeAtomically(out, emitted.outputText);
      writeAtomically(`${out}.map`, JSON.stringify(map));
      result.compiled += 1;
    } else {
      const out = join(distDir, rel);
      expected.add(out);
      if (isFresh(out, sourceTime)) continue;
      mkdirSync(dirname(out), { recursive: true });
      copyFileSync(source, `${out}.tmp-${process.pid}`);
      renameSync(`${out}.tmp-${process.pid}`, out);
      result.copied += 1;
    }
  }
  for (const out of walk(distDir)) {
    if (expected.has(out)) continue;
    rmSync(out, { force: true });
    result.removed += 1;
  }
}

function isFresh(out: string, sourceTime: number): boolean {
  return existsSync(out) && statSync(out).mtimeMs >= sourceTime;
}

/** Written under a temporary name and renamed: a process reading `dist/` never sees half a file. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
