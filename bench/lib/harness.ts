/**
 * The shape of a bench. A bench declares its settings, its setup on the mesh (processes started
 * through the parts table, stopped before the baseline so they never compete with it), its
 * measurement, its same-run baseline, its targets and its report; the harness does the rest
 * around them, the same for every bench: settings validated (every bad variable named), the local
 * stack and certificates, waiting for other benches (and, if asked, a quiet machine), cleanup also
 * on Ctrl-C, the JSON result and the one-screen report.
 */
import type { Kafka } from 'kafkajs';
import { DatabaseEnv, KafkaEnv, loadConfig, Type, type Static } from '@motlan/config';
import { beginBenchRun, RunEnv } from './bench-run.ts';
import { withCleanup, type Cleanup } from './cleanup.ts';
import { formatTable, type MachineInfo } from './report.ts';
import { targetRows, type TargetVerdict } from './targets.ts';

/** Settings every bench has (bench/README.md, "Settings"); a bench adds its own. */
export const HarnessEnv = {
  KAFKA_BROKERS: KafkaEnv.KAFKA_BROKERS,
  DATABASE_URL: DatabaseEnv.DATABASE_URL,
  ...RunEnv,
  /** Measured window of a load. */
  BENCH_SECONDS: Type.Number({ default: 10, exclusiveMinimum: 0 }),
  /** Load before the window, not counted. */
  BENCH_WARMUP_SECONDS: Type.Number({ default: 3, minimum: 0 }),
  /** Wait after a service is ready before reading its idle RSS. */
  BENCH_IDLE_SECONDS: Type.Number({ default: 5, minimum: 0 }),
};
/** A settings schema's properties (TypeBox's TProperties, as Type.Object takes them). */
type Properties = Parameters<typeof Type.Object>[0];
/** The settings a bench with own settings `P` gets: HarnessEnv's and its own, defaults applied. */
export type SettingsOf<P extends Properties> = Static<ReturnType<typeof Type.Object<typeof HarnessEnv & P>>>;
/** The settings every bench has. */
export type HarnessSettings = SettingsOf<Record<never, never>>;

export interface BenchContext<S> {
  settings: S;
  /** Arguments after the bench's name on the command line. */
  args: string[];
  machine: MachineInfo;
  /** Where the run's service logs (and CPU profiles) go. */
  logDir: string;
  /** As `kafka-admin`: topics, groups, ACLs. */
  kafka: Kafka;
}

/** The one report format: the measurement table, the targets, further lines, and the JSON result. */
export interface BenchReport {
  /** The table's column heads after the title; default throughput, p50, p99, RSS. */
  columns?: string[];
  /** One cell per column after the label (trailing cells may be left out). */
  rows: string[][];
  /** Other findings, as label and text. */
  notes?: string[][];
  /** Printed last, one a line (error samples and the like). */
  lines?: string[];
  /** Everything measured, kept in the JSON result beside the settings and the machine. */
  result: Record<string, unknown>;
}

export interface BenchDefinition<S extends HarnessSettings, Mesh, Measured, Baseline> {
  name: string;
  /** One line, shown by `pnpm bench`. */
  description: string;
  /** This bench's own settings, over HarnessEnv's (declare `type Settings = SettingsOf<typeof Own>`). */
  settings: Properties;
  /**
   * Wait until the machine is nearly idle before measuring (`BENCH_IDLE_MACHINE_MAX_BUSY`), and
   * record a digest of these source folders at start and end (the code measured).
   */
  quiet?: { sources?: { label: string; roots: string[] } };
  /** Starts what is measured; everything deferred on `cleanup` is undone before the baseline. */
  setup?(context: BenchContext<S>, cleanup: Cleanup): Promise<Mesh>;
  measure(context: BenchContext<S>, mesh: Mesh): Promise<Measured>;
  /** The same-run baseline, measured once the mesh is stopped. */
  baseline?(context: BenchContext<S>, measured: Measured): Promise<Baseline>;
  targets?(measured: Measured, baseline: Baseline): Record<string, TargetVerdict>;
  report(measured: Measured, baseline: Baseline, targets: Record<string, TargetVerdict>): BenchReport;
}

/** What bench/run.ts loads from `bench/<name>/main.ts`. */
export interface BenchModule {
  description: string;
  main(args: string[]): Promise<void>;
}

export function defineBench<S extends HarnessSettings, Mesh, Measured, Baseline = undefined>(
  bench: BenchDefinition<S, Mesh, Measured, Baseline>,
): BenchModule {
  return {
    description: bench.description,
    async main(args) {
      // The schema is composed at run time; its static type is the bench's declared Settings.
      const settings = loadConfig(Type.Object({ ...HarnessEnv, ...bench.settings })) as unknown as S;
      const run = await beginBenchRun({
        name: bench.name,
        settings,
        ...(bench.quiet?.sources ? { sources: bench.quiet.sources } : {}),
        ...(bench.quiet ? { maxBusyShare: settings.BENCH_IDLE_MACHINE_MAX_BUSY } : {}),
      });
      const context = { settings, args, machine: run.machine, logDir: run.logDir, kafka: run.kafka };
      const measured = await withCleanup(async (cleanup) => {
        const mesh = bench.setup ? await bench.setup(context, cleanup) : (undefined as Mesh);
        return bench.measure(context, mesh);
      });
      const baseline = bench.baseline ? await bench.baseline(context, measured) : (undefined as Baseline);
      const targets = bench.targets?.(measured, baseline) ?? {};
      const report = bench.report(measured, baseline, targets);
      const title = `${bench.name} (${run.machine.cores} cores, node ${run.machine.node})`;
      await run.finish({ targets, ...report.result }, renderReport(title, report.rows, targets, report));
    },
  };
}

/**
 * The one report format every bench prints: the measurement table under its title (label,
 * throughput, p50, p99, RSS), the targets (what, actual, target, verdict), further findings, then
 * any loose lines.
 */
export function renderReport(
  title: string,
  rows: string[][],
  targets: Record<string, TargetVerdict>,
  extra: { columns?: string[]; notes?: string[][]; lines?: string[] } = {},
): string {
  const columns = extra.columns ?? ['throughput', 'p50', 'p99', 'RSS'];
  const sections = [formatTable([[title, ...columns], ...rows])];
  const targetTable = targetRows(targets);
  if (targetTable.length > 0)
    sections.push(formatTable([['target', 'actual', 'wanted', 'verdict'], ...targetTable]));
  if (extra.notes && extra.notes.length > 0) sections.push(formatTable(extra.notes));
  return `\n${sections.join('\n\n')}\n${extra.lines && extra.lines.length > 0 ? `\n${extra.lines.join('\n')}\n` : ''}`;
}
