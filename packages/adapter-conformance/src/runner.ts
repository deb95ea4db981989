import type { Logger } from '@motlan/logger';
import { Environment } from './harness/environment.ts';
import type { LoadedAdapter } from './load-descriptor.ts';
import type { Report } from './report.ts';
import { check, type RunContext, type RunOptions } from './run-context.ts';
import { access } from './suites/access.ts';
import { basicRead } from './suites/basic-read.ts';
import { releasedContract } from './suites/compatibility.ts';
import { connection } from './suites/connection.ts';
import { declaredTypesInCatalog, producedValuesValidate, servesDeclaredTypes } from './suites/contract.ts';
import { faults } from './suites/faults.ts';
import { fullResync } from './suites/full-resync.ts';
import { incremental } from './suites/incremental.ts';
import { provenance } from './suites/provenance.ts';

/** Every suite, in the order they run. */
export const SUITES = [
  'contract',
  'compatibility',
  'full-resync',
  'connection',
  'basic-read',
  'access',
  'incremental',
  'faults',
  'provenance',
] as const;
export type SuiteName = (typeof SUITES)[number];

/** Suites that need the adapter and its upstream running (the others read files only). */
const LIVE: ReadonlySet<SuiteName> = new Set(
  SUITES.filter((suite) => suite !== 'compatibility' && suite !== 'contract'),
);

/**
 * Certifies one adapter: the static checks (declared types, released contract), then — when a
 * selected suite needs it — the live ones against the adapter and its simulators started for the
 * run. The bulk sync and the basic read always run before the other live suites: they give them
 * their subjects. Never throws for a failed check; a run that cannot start is reported as a
 * failure of every live check.
 */
export async function runConformance(
  target: LoadedAdapter,
  options: RunOptions & { suites: ReadonlySet<SuiteName>; logger: Logger },
): Promise<Report> {
  const context: RunContext = {
    descriptor: target.descriptor,
    adapterDir: target.dir,
    adapterVersion: target.version,
    options,
    answeredFacts: [],
    syncedSubjects: [],
    afterResync: 0,
    goldenSubjects: [],
    results: [],
  };
  const report: Report = {
    adapter: target.descriptor.adapter,
    startedAt: new Date().toISOString(),
    results: context.results,
  };
  const selected = (suite: SuiteName) => options.suites.has(suite);
  if (selected('contract')) await declaredTypesInCatalog(context);
  if (selected('compatibility')) await releasedContract(context);
  if (![...options.suites].some((suite) => LIVE.has(suite))) return report;

  const started = await check(
    context,
    'environment',
    'started',
    "the adapter and its upstream start on the run's stack",
    async () => {
      context.environment = await Environment.start(target.descriptor, target.dir, options.logger);
      return `${Object.keys(context.environment.simulators).join(', ')} and ${target.descriptor.adapter} running; topics under ${context.environment.topicPrefix}`;
    },
  );
  if (!started) return report;
  try {
    await fullResync(context);
    await basicRead(context);
    if (selected('contract')) await servesDeclaredTypes(context);
    if (selected('connection')) await connection(context);
    if (selected('access')) await access(context);
    if (selected('incremental')) await incremental(context);
    if (selected('faults')) await faults(context);
    if (selected('contract')) await producedValuesValidate(context);
    if (selected('provenance')) await provenance(context);
  } finally {
    await context.environment?.close();
  }
  return report;
}
