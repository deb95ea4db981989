import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MotlanError } from '@motlan/errors';
import type { ConformanceDescriptor } from './descriptor.ts';
import { ConformanceErrors } from './errors.ts';
import { repoRoot } from './harness/environment.ts';

/** The descriptor's file name in an adapter's folder. */
export const DESCRIPTOR_FILE = 'conformance.ts';

export interface LoadedAdapter {
  descriptor: ConformanceDescriptor;
  /** The adapter's folder (absolute). */
  dir: string;
  /** From the folder's package.json; `0.0.0` without one. */
  version: string;
}

/**
 * Finds the adapter named on the command line — a folder (relative to where the command was
 * typed, or to the repository root) or a name under `services/` — and loads its descriptor.
 */
export async function loadAdapter(
  nameOrPath: string,
  cwd = process.env['INIT_CWD'] ?? process.cwd(),
): Promise<LoadedAdapter> {
  const candidates = isAbsolute(nameOrPath)
    ? [nameOrPath]
    : [resolve(cwd, nameOrPath), resolve(repoRoot(), nameOrPath), join(repoRoot(), 'services', nameOrPath)];
  const dir = candidates.find(
    (candidate) => existsSync(join(candidate, DESCRIPTOR_FILE)) && statSync(candidate).isDirectory(),
  );
  if (!dir) {
    throw new MotlanError(
      ConformanceErrors.adapterUnknown,
      `no ${DESCRIPTOR_FILE} in ${candidates.join(' or ')}`,
      { field: 'adapter' },
    );
  }
  const module = (await import(pathToFileURL(join(dir, DESCRIPTOR_FILE)).href)) as { default?: unknown };
  const descriptor = checkDescriptor(module.default, join(dir, DESCRIPTOR_FILE));
  const packageJson = join(dir, 'package.json');
  const version = existsSync(packageJson)
    ? String((JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? '0.0.0')
    : '0.0.0';
  return { descriptor, dir, version };
}

/** Checks a descriptor's shape and that the files it names exist; MOTLAN_CONFORMANCE_DESCRIPTOR_INVALID naming the field. */
export function checkDescriptor(value: unknown, file: string): ConformanceDescriptor {
  const d = (value ?? {}) as Record<string, unknown>;
  const invalid = (field: string, why: string) =>
    new MotlanError(ConformanceErrors.descriptorInvalid, `${file}: ${field} ${why}`, { field });
  const entry = (field: string, path: unknown) => {
    if (typeof path !== 'string' || !existsSync(join(repoRoot(), path)))
      throw invalid(field, 'must name an existing file relative to the repository root');
  };
  if (typeof value !== 'object' || value === null)
    throw invalid('default export', 'must be defineConformance({...})');
  if (typeof d['adapter'] !== 'string' || d['adapter'] === '')
    throw invalid('adapter', 'must be the adapter id');
  entry('entry', d['entry']);
  if (!Array.isArray(d['factTypes']) || !d['factTypes'].every((type) => typeof type === 'string'))
    throw invalid('factTypes', 'must list the fact types the adapter declares');
  const simulators = d['simulators'];
  if (!Array.isArray(simulators) || simulators.length === 0)
    throw invalid('simulators', 'must list at least one simulator');
  simulators.forEach((simulator: Record<string, unknown>, index) => {
    if (typeof simulator['name'] !== 'string') throw invalid(`simulators[${index}].name`, 'must be a name');
    entry(`simulators[${index}].entry`, simulator['entry']);
    if (typeof simulator['env'] !== 'function')
      throw invalid(`simulators[${index}].env`, 'must be a function');
  });
  if (!simulators.some((simulator: Record<string, unknown>) => simulator['name'] === d['upstream']))
    throw invalid('upstream', 'must be the name of one of the simulators');
  for (const field of ['env', 'makeChanges', 'makeBadRecord'])
    if (typeof d[field] !== 'function') throw invalid(field, 'must be a function');
  const credentials = d['credentials'] as { invalid?: unknown } | undefined;
  if (
    typeof credentials?.invalid !== 'object' ||
    credentials.invalid === null ||
    Object.keys(credentials.invalid).length === 0
  )
    throw invalid('credentials.invalid', 'must set at least one environment variable to a wrong credential');
  entry('bulkSync.entry', (d['bulkSync'] as { entry?: unknown } | undefined)?.entry);
  return value as ConformanceDescriptor;
}
