/**
 * What every bench does around its own measurement: start the local stack and the development
 * certificates, connect to Kafka with every declared topic in place, wait for other benches and
 * (if asked) for a quiet machine, record the code measured — and at the end write the result with
 * the run's circumstances and say what makes its numbers suspect.
 */
import { loadavg } from 'node:os';
import type { Kafka } from 'kafkajs';
import { brokerList, readKafkaConfig, Type } from '@motlan/config';
import { provisionKafka } from '@motlan/kafka';
import { withoutPassword } from './cpu-usage.ts';
import { waitForIdleMachine } from './idle-machine.ts';
import { waitForOtherBenches, watchOtherBenches } from './quiet.ts';
import { describeMachine, runLogDir, writeResult, type MachineInfo } from './report.ts';
import { sourceDigest, type SourceDigest } from './source-digest.ts';
import { connectKafka, ensureLocalStack } from './stack.ts';
import { ensureDevCertificates } from './tls.ts';

/** Settings of the run itself, declared once for every bench's schema (bench/README.md, "Settings"). */
export const RunEnv = {
  /** How long to wait for other benches to finish before measuring anyway. */
  BENCH_WAIT_FOR_OTHERS_SECONDS: Type.Integer({ default: 1_200, minimum: 0 }),
  /** Wait (as long as for other benches) until the machine is at most this busy before measuring. */
  BENCH_IDLE_MACHINE_MAX_BUSY: Type.Number({ default: 0.3, minimum: 0, maximum: 1 }),
};

/** The settings every bench has (see bench/README.md, "Settings"). */
export interface CommonSettings {
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  BENCH_WAIT_FOR_OTHERS_SECONDS: number;
}

export interface BenchRunOptions<S extends CommonSettings> {
  name: string;
  settings: S;
  /** Folders whose digest names the code measured; a change during the run is warned about. */
  sources?: { label: string; roots: string[] };
  /** Wait (as long as for other benches) until the machine is at most this busy before measuring. */
  maxBusyShare?: number;
}

export interface BenchRun {
  name: string;
  machine: MachineInfo;
  startedAt: Date;
  /** Where the run's service logs (and CPU profiles) go. */
  logDir: string;
  kafka: Kafka;
  /**
   * Writes the result, with the run's circumstances around it, prints `report` and then the
   * warnings and where everything was written.
   */
  finish(result: Record<string, unknown>, report: string): Promise<void>;
}

export async function beginBenchRun<S extends CommonSettings>(
  options: BenchRunOptions<S>,
): Promise<BenchRun> {
  const { name, settings } = options;
  const machine = describeMachine();
  const startedAt = new Date();
  const logDir = runLogDir(name, startedAt);
  ensureLocalStack({ kafka: true, postgres: true });
  ensureDevCertificates();
  // Services connect their producers on start and relay audit trails: broker and topics first.
  const kafka = await connectKafka({ brokers: brokerList(settings.KAFKA_BROKERS), clientId: 'motlan-bench' });
  // The admin step: the shared topics and the services' ACLs on them (each acts as itself).
  const { created } = await provisionKafka(kafka, {
    KAFKA_TOPIC_PREFIX: '',
    KAFKA_SECURITY: readKafkaConfig().KAFKA_SECURITY,
  });
  if (created.length > 0) console.log(`${name}: created topics ${created.join(', ')}`);
  const others = await waitForOtherBenches(name, settings.BENCH_WAIT_FOR_OTHERS_SECONDS);
  const sourceAtStart = options.sources ? sourceDigest(options.sources.roots) : undefined;
  const idle =
    options.maxBusyShare === undefined
      ? undefined
      : await waitForIdleMachine(name, {
          maxBusyShare: options.maxBusyShare,
          maxWaitSeconds: settings.BENCH_WAIT_FOR_OTHERS_SECONDS,
        });
  const watch = watchOtherBenches();

  return {
    name,
    machine,
    startedAt,
    logDir,
    kafka,
    async finish(result, report) {
      const othersDuring = watch.stop();
      const sourceAtEnd = options.sources ? sourceDigest(options.sources.roots) : undefined;
      const { latest, file } = await writeResult(name, {
        bench: name,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        machine,
        /** Others' work on this shared machine skews every number: compare with machine.loadAverage at start. */
        loadAverageAtEnd: loadavg(),
        otherBenches: others,
        /** How busy the machine was (other work) just before measuring, and how long the bench waited for it. */
        ...(idle ? { machineBeforeMeasuring: idle } : {}),
        /** Other benches seen running at any point while this one measured: its numbers are suspect. */
        otherBenchesDuring: othersDuring,
        settings: { ...settings, DATABASE_URL: withoutPassword(settings.DATABASE_URL) },
        ...result,
        /** The code measured; differing digests = the code changed mid-run. */
        ...(sourceAtStart ? { source: { atStart: sourceAtStart, atEnd: sourceAtEnd } } : {}),
        logDir,
      });
      console.log(report);
      if (sourceAtStart && options.sources) console.log(measuredLine(options.sources.label, sourceAtStart));
      if (sourceAtStart && sourceAtEnd && sourceAtEnd.digest !== sourceAtStart.digest) {
        console.log(
          `WARNING: the code under test changed during the run (now ${sourceAtEnd.digest}); run again`,
        );
      }
      if (othersDuring.length > 0) {
        console.log(
          `WARNING: other benches ran during this one (pids ${othersDuring.map((other) => other.split(' ')[0]).join(', ')}): ` +
            'the numbers above are skewed; run again on a quiet machine',
        );
      }
      console.log(`written: ${file}\n         ${latest}\nlogs:    ${logDir}`);
    },
  };
}

function measuredLine(label: string, digest: SourceDigest): string {
  return `measured: ${label} sources ${digest.digest} (newest ${digest.newest.file}, ${digest.newest.modifiedAt})`;
}
