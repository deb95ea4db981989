import type { Fact__Output } from '@motlan/proto';
import type { ConformanceDescriptor } from './descriptor.ts';
import type { Environment } from './harness/environment.ts';
import type { CheckResult } from './report.ts';

import { CheckFailed } from './check-failed.ts';

/** Fails the running check with `message` unless `condition` holds. */
export function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

export interface RunOptions {
  /** Write the golden facts from what the adapter answers instead of comparing with them. */
  updateGolden: boolean;
  /** Write the released contract snapshot from the current contract instead of comparing with it. */
  updateContract: boolean;
}

/** What the suites share during one run. */
export interface RunContext {
  descriptor: ConformanceDescriptor;
  /** The adapter's folder (absolute). */
  adapterDir: string;
  /** The adapter's version, from its package.json. */
  adapterVersion: string;
  options: RunOptions;
  /** Present for the suites that need the running adapter and its upstream. */
  environment?: Environment;
  /** Every fact the adapter answered or published during the run (the provenance and value checks read them). */
  answeredFacts: Fact__Output[];
  /** Subjects seen in the bulk sync, sorted. */
  syncedSubjects: string[];
  /** Where the event log stood when the bulk syncs were done (what came after is the feed's). */
  afterResync: number;
  /** The subjects the golden facts are about (after the basic read). */
  goldenSubjects: string[];
  results: CheckResult[];
}

/** Runs one check: its detail when it passes, its failure (or its crash) when not. */
export async function check(
  context: RunContext,
  suite: string,
  id: string,
  title: string,
  run: () => Promise<string>,
): Promise<boolean> {
  const started = Date.now();
  let outcome: CheckResult['outcome'] = 'passed';
  let detail: string;
  try {
    detail = await run();
  } catch (error) {
    outcome = 'failed';
    detail =
      error instanceof CheckFailed
        ? error.message
        : `could not run: ${(error as Error)?.message ?? String(error)}`;
  }
  context.results.push({ suite, id, title, outcome, detail, durationMs: Date.now() - started });
  return outcome === 'passed';
}

/** The running environment, or a failure of the check that needs it. */
export function environmentOf(context: RunContext): Environment {
  if (!context.environment) throw new CheckFailed('the adapter and its upstream are not running');
  return context.environment;
}
