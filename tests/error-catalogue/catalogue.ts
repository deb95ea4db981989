import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GrpcCode, type ErrorDefinition } from '@motlan/errors';
import { format, resolveConfig } from 'prettier';

/** The repository root (this file is tests/error-catalogue/catalogue.ts). */
export const ROOT = join(import.meta.dirname, '..', '..');

/** Where the one documented table of every error code lives (generated: `pnpm errors:doc`). */
export const ERRORS_DOC = 'docs/errors.md';

/** One error definition as the catalogue that defines it declares it. */
export interface CatalogueEntry extends ErrorDefinition {
  /** Repository-relative path of the defining file, e.g. `services/one-stop/src/errors.ts`. */
  file: string;
  /** `<exported catalogue>.<key>`, e.g. `OneStopErrors.dossierNotFound`. */
  name: string;
  /** Who owns the code: `motlan` (our packages and services) or the simulator's folder name. */
  owner: string;
}

/**
 * Every error catalogue file: each package's and service's `src/errors.ts`, the shared
 * `packages/errors/src/common-errors.ts`, and each simulator's `src/errors.ts` (a stand-in for a
 * system we do not own, with its own prefix). `findUnlistedCatalogues` checks nothing else
 * calls `defineErrors`.
 */
export function catalogueFiles(): string[] {
  const files = ['packages/errors/src/common-errors.ts'];
  for (const parent of ['packages', 'services', 'infra/simulators']) {
    for (const name of readdirSync(join(ROOT, parent)).sort()) {
      const file = `${parent}/${name}/src/errors.ts`;
      if (existsSync(join(ROOT, file))) files.push(file);
    }
  }
  return files;
}

function ownerOf(file: string): string {
  const simulator = /^infra\/simulators\/([^/]+)\//.exec(file);
  return simulator ? simulator[1]! : 'motlan';
}

/** The names a file exports as `export const X = defineErrors(...)`: what it defines, not re-exports. */
function definedCatalogues(source: string): string[] {
  return [...source.matchAll(/export const (\w+) = defineErrors\(/g)].map((match) => match[1]!);
}

/** Loads every catalogue and lists each definition where it is defined, in source order. */
export async function loadCatalogue(): Promise<CatalogueEntry[]> {
  const entries: CatalogueEntry[] = [];
  for (const file of catalogueFiles()) {
    const absolute = join(ROOT, file);
    const module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
    for (const exported of definedCatalogues(readFileSync(absolute, 'utf8'))) {
      const catalogue = module[exported] as Record<string, ErrorDefinition>;
      for (const [key, definition] of Object.entries(catalogue)) {
        entries.push({ ...definition, file, name: `${exported}.${key}`, owner: ownerOf(file) });
      }
    }
  }
  return entries;
}

/** Source files that call `defineErrors` but are not catalogue files: a catalogue hiding elsewhere. */
export function findUnlistedCatalogues(): string[] {
  const listed = new Set(catalogueFiles());
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !path.endsWith('motlan-error.ts')) {
        if (/\bdefineErrors\(/.test(readFileSync(path, 'utf8'))) found.push(relative(ROOT, path));
      }
    }
  };
  for (const parent of ['packages', 'services', 'infra']) {
    for (const name of readdirSync(join(ROOT, parent))) {
      // infra/ is a workspace package too: its node_modules links packages whose catalogues are listed already.
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const dir = join(ROOT, parent, name);
      if (statSync(dir).isDirectory()) walk(dir);
    }
  }
  return found.filter((file) => !listed.has(file)).sort();
}

const GRPC_NAMES = new Map<number, string>(Object.entries(GrpcCode).map(([name, value]) => [value, name]));

/** The gRPC status name of a code (`INVALID_ARGUMENT`), or undefined when it is not one. */
export function grpcName(code: number): string | undefined {
  return GRPC_NAMES.get(code);
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * The documented table (docs/errors.md): every code once, sorted by code, formatted as
 * `pnpm lint` (Prettier) wants it so the generated file passes the format check.
 */
export async function renderErrorsDoc(entries: readonly CatalogueEntry[]): Promise<string> {
  const rows = [...entries]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(
      (entry) =>
        `| \`${entry.code}\` | ${entry.httpStatus} | ${grpcName(entry.grpcCode) ?? entry.grpcCode} | ` +
        `${entry.canRetry ? 'yes' : 'no'} | ${cell(entry.title)} | \`${entry.file}\` \`${entry.name}\` |`,
    );
  const markdown = [
    '# Error codes',
    '',
    '<!-- Generated by `pnpm errors:doc` from every error catalogue; do not edit by hand. -->',
    '',
    'Every error code of the repository, once. Our packages and services raise `MOTLAN_*` codes',
    '(`MotlanError`, `packages/errors`); a simulator of a system we do not own raises its own prefix',
    '(`NPDB_SIM_*`, `MPDB_SIM_*`). A code is never reused for another meaning: add a row, never',
    'change one. REST answers carry the code in problem+json, gRPC in the status details;',
    '`canRetry` says whether the same request may succeed later. `tests/error-catalogue.test.ts`',
    'fails when a code is duplicated, misnamed, or missing from this table.',
    '',
    '| code | HTTP | gRPC | canRetry | title | defined in |',
    '| ---- | ---- | ---- | -------- | ----- | ---------- |',
    ...rows,
    '',
  ].join('\n');
  const filepath = join(ROOT, ERRORS_DOC);
  return format(markdown, { ...(await resolveConfig(filepath)), filepath });
}
