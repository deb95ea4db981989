/** `dossiers`: the whole mesh, the prefill plan, the load phases and the checks after them */
import type { Kafka } from 'kafkajs';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { runHttpEchoBaseline } from '../baseline/index.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { waitForGroupCaughtUp } from '../lib/consumer-groups.ts';
import { cpuSnapshot, cpuUsage, type CpuUsage } from '../lib/cpu-usage.ts';
import { waitForRegistryCaughtUp } from '../lib/fact-registry.ts';
import { runHttpLoad, type LoadRunResult } from '../lib/load.ts';
import { seededCitizens } from '../lib/npdb.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { formatCount } from '../lib/report.ts';
import { sleep } from '../lib/timeout.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { spreadSample } from '../lib/verifications.ts';
import { startDossierMesh, type RunningMesh } from './mesh.ts';
import { storedCounts, waitForOutboxDrained, type StoredCounts } from './one-stop-tables.ts';
import { ENTRY_PERMIT, FIRST_REGISTRATION, planDossiers, type DossierPlan } from './plan.ts';
import type { DossierSettings } from './settings.ts';

/**
 * The load calls as the citizen portal (ONE_STOP_PORTAL_CLIENTS' default), naming each applicant:
 * each answer shows the facts the policy grants it, so each submission is also an audited disclosure.
 */
export const CLIENT_CERT = 'citizen-portal';
export const ECHO_SERVER_CERT = 'one-stop';
/** The fact the first-registration dossiers type in (and the registry must then hold once per dossier). */
export const DECLARED_TYPE = 'military.health_grade';
export const DRAIN_TIMEOUT_MS = 120_000;
export const QUIET_SECONDS = 10;

export interface Phase {
  name: string;
  plan: DossierPlan;
  load: LoadRunResult;
  cpu: CpuUsage;
}

export interface DossierPhases {
  /** Open loop at BENCH_DOSSIER_LIGHT_RATE, first, on a quiet mesh. */
  atLightRate?: Phase;
  /** Closed loops: first registrations (the throughput judged), entry permits (all prefilled). */
  closed: Phase;
  prefilledOnly: Phase;
  /** Open loop at BENCH_DOSSIER_RATE: the p99 judged. */
  atRate: Phase;
}

export interface MeshRun {
  /** The settings it ran with (the report names the rates). */
  settings: DossierSettings;
  mesh: Pick<RunningMesh, 'topicPrefix' | 'seed' | 'syncSeconds' | 'appliedSeconds'>;
  plans: DossierPlan[];
  phases: DossierPhases;
  stored: StoredCounts;
  outboxDrained: boolean;
  declarationsCaughtUp: boolean;
  memory: { oneStopIdle: ProcessMemory; oneStopAfterLoad: ProcessMemory };
  /** CPU of the mesh with no load at all, after the prefill pass had settled. */
  quietCpu: CpuUsage;
  /** One submission body, for the echo baseline to post the same bytes. */
  sampleBody: unknown;
}

export async function measureMesh(settings: DossierSettings, kafka: Kafka, logDir: string): Promise<MeshRun> {
  return withCleanup(async (cleanup) => {
    const runSeconds = 3 * (settings.BENCH_WARMUP_SECONDS + settings.BENCH_SECONDS);
    const mesh = await startDossierMesh(
      kafka,
      {
        databaseUrl: settings.DATABASE_URL,
        kafkaBrokers: settings.KAFKA_BROKERS,
        people: settings.BENCH_DOSSIER_PEOPLE,
        snapshotFreshForSeconds: Math.max(900, runSeconds + 900),
        logDir,
        ...(settings.BENCH_DOSSIER_CPU_PROFILE
          ? { oneStopNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] }
          : {}),
      },
      cleanup,
    );
    const { oneStop, registry, adapter, simulator } = mesh;
    await sleep(settings.BENCH_IDLE_SECONDS * 1000);
    const oneStopIdle = readProcessMemory(oneStop.process.pid);

    const living = (await seededCitizens(settings.DATABASE_URL, simulator.schema)).filter(
      (citizen) => citizen.TrangThai !== 'DA_MAT',
    );
    const citizens = spreadSample(living, settings.BENCH_DOSSIER_CITIZENS);
    const tls = devTlsFiles(CLIENT_CERT);
    const plans: DossierPlan[] = [];
    for (const procedureCode of [FIRST_REGISTRATION, ENTRY_PERMIT]) {
      console.log(
        `dossiers: prefilling ${formatCount(citizens.length)} citizens for ${procedureCode} (warms the mesh) ...`,
      );
      const plan = await planDossiers({
        origin: oneStop.httpUrl,
        tls,
        procedureCode,
        citizens,
        concurrency: 16,
      });
      if (plan.submissions.length === 0) {
        throw new MotlanError(
          CommonErrors.unavailable,
          `no citizen can submit ${procedureCode}: ${JSON.stringify(plan.skipped)}`,
        );
      }
      plans.push(plan);
    }
    const [firstRegistration, entryPermit] = plans as [DossierPlan, DossierPlan];

    const pids = {
      'one-stop': oneStop.process.pid,
      adapter: adapter.process.pid,
      registry: registry.process.pid,
      simulator: simulator.process.pid,
    };
    const read = () =>
      storedCounts(
        settings.DATABASE_URL,
        { oneStop: oneStop.schema, registry: registry.schema },
        DECLARED_TYPE,
      );
    // Each phase starts with the mesh caught up: nothing left to relay, apply or store from before.
    const settle = async (): Promise<void> => {
      await waitForOutboxDrained(read, DRAIN_TIMEOUT_MS);
      await waitForRegistryCaughtUp(kafka, registry, DRAIN_TIMEOUT_MS);
      await waitForGroupCaughtUp(kafka, registry.disclosureGroup, registry.auditTopic, DRAIN_TIMEOUT_MS);
    };
    const runPhase = async (name: string, plan: DossierPlan, rate?: number): Promise<Phase> => {
      await settle();
      console.log(
        `dossiers: ${name}, ${settings.BENCH_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
      );
      const before = cpuSnapshot(pids);
      const load = await runHttpLoad({
        origin: oneStop.httpUrl,
        tls,
        requests: plan.submissions,
        expectStatus: 201,
        countResponsesBy: 'onceOnly.prefilled',
        concurrency:
          rate === undefined ? settings.BENCH_DOSSIER_CONCURRENCY : settings.BENCH_DOSSIER_MAX_IN_FLIGHT,
        ...(rate === undefined ? {} : { rate }),
        warmupSeconds: settings.BENCH_WARMUP_SECONDS,
        seconds: settings.BENCH_SECONDS,
      });
      return { name, plan, load, cpu: cpuUsage(before, cpuSnapshot(pids)) };
    };
    // What the mesh burns with nothing to do (consumers polling, relays waking): a floor under every phase.
    await settle();
    const quietBefore = cpuSnapshot(pids);
    await sleep(QUIET_SECONDS * 1000);
    const quietCpu = cpuUsage(quietBefore, cpuSnapshot(pids));
    const light = settings.BENCH_DOSSIER_LIGHT_RATE;
    const phases: DossierPhases = {
      ...(light > 0
        ? { atLightRate: await runPhase(`first registration at ${light}/s`, firstRegistration, light) }
        : {}),
      closed: await runPhase(
        `first registration, ${settings.BENCH_DOSSIER_CONCURRENCY} in flight`,
        firstRegistration,
      ),
      prefilledOnly: await runPhase(
        `entry permit, ${settings.BENCH_DOSSIER_CONCURRENCY} in flight`,
        entryPermit,
      ),
      atRate: await runPhase(
        `first registration at ${settings.BENCH_DOSSIER_RATE}/s`,
        firstRegistration,
        settings.BENCH_DOSSIER_RATE,
      ),
    };
    const oneStopAfterLoad = readProcessMemory(oneStop.process.pid);

    console.log('dossiers: waiting for the outbox to drain and the registry to apply the declarations ...');
    const { drained } = await waitForOutboxDrained(read, DRAIN_TIMEOUT_MS);
    const declarationsCaughtUp = await waitForRegistryCaughtUp(kafka, registry, DRAIN_TIMEOUT_MS).then(
      () => true,
      (error: Error) => (console.warn(`dossiers: ${error.message}`), false),
    );
    const { topicPrefix, seed, syncSeconds, appliedSeconds } = mesh;
    return {
      mesh: { topicPrefix, seed, syncSeconds, appliedSeconds },
      plans,
      phases,
      stored: await read(),
      outboxDrained: drained,
      declarationsCaughtUp,
      memory: { oneStopIdle, oneStopAfterLoad },
      quietCpu,
      sampleBody: firstRegistration.submissions[0]!.body,
      settings,
    };
  });
}

/**
 * CPU milliseconds each part spent per dossier over a phase (warm-up included, at the measured
 * rate): where a dossier's cost goes, and what 2 cores allow (2,000 ms / total per dossier).
 */
export function formatCpuPerDossier(phase: Phase): string {
  const dossiers = phase.load.requestsPerSecond * phase.cpu.wallSeconds;
  if (dossiers <= 0) return '-';
  const parts: [string, number][] = [
    ...Object.entries(phase.cpu.processes).map(([name, used]): [string, number] => [name, used.seconds]),
    ['postgres', phase.cpu.postgres.seconds],
    ['kafka', phase.cpu.kafka.seconds],
  ];
  const perDossier = (seconds: number): string => `${((seconds * 1000) / dossiers).toFixed(2)}`;
  const total = parts.reduce((sum, [, seconds]) => sum + seconds, 0);
  return `${parts.map(([name, seconds]) => `${name} ${perDossier(seconds)}`).join(', ')}; total ${perDossier(total)} ms`;
}

/** The ceiling of one HTTPS request here: bare Fastify, same body, same load generator and concurrency. */
export function fastifyEcho(settings: DossierSettings, run: MeshRun) {
  console.log(
    `dossiers: baseline Fastify echo over mutual TLS, same body, ${settings.BENCH_DOSSIER_CONCURRENCY} in flight ...`,
  );
  return runHttpEchoBaseline({
    seconds: settings.BENCH_SECONDS,
    warmupSeconds: settings.BENCH_WARMUP_SECONDS,
    concurrency: settings.BENCH_DOSSIER_CONCURRENCY,
    body: run.sampleBody,
    tls: { server: devTlsFiles(ECHO_SERVER_CERT), client: devTlsFiles(CLIENT_CERT) },
  });
}
