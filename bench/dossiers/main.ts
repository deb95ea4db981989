/**
 * `pnpm bench dossiers`: dossier submissions with prefill (POST /v1/dossiers) against the one-stop
 * shop with the whole mesh running, load from a separate process, against a bare Fastify echo
 * measured in the same run. See bench/README.md, "dossiers".
 */
import type { Kafka } from 'kafkajs';
import { Type } from '@motlan/config';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { runHttpEchoBaseline } from '../baseline/index.ts';
import { defineBench, type BenchContext, type SettingsOf } from '../lib/harness.ts';
import { andAlso, atLeast, atMost, QualityTargets } from '../lib/targets.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { waitForGroupCaughtUp } from '../lib/consumer-groups.ts';
import { cpuSnapshot, cpuUsage, formatCpuUsage, type CpuUsage } from '../lib/cpu-usage.ts';
import { waitForRegistryCaughtUp } from '../lib/fact-registry.ts';
import { runHttpLoad, type LoadRunResult } from '../lib/load.ts';
import { seededCitizens } from '../lib/npdb.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import {
  formatCount,
  formatMB,
  formatMs,
  formatPercent,
  formatRate,
  formatSeconds,
  loadRow,
} from '../lib/report.ts';
import { MESH_SOURCES } from '../lib/source-digest.ts';
import { sleep } from '../lib/timeout.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { spreadSample } from '../verify/requests.ts';
import { startDossierMesh, type RunningMesh } from './mesh.ts';
import { storedCounts, waitForOutboxDrained, type StoredCounts } from './one-stop-tables.ts';
import { ENTRY_PERMIT, FIRST_REGISTRATION, planDossiers, type DossierPlan } from './plan.ts';

const DossierEnv = {
  BENCH_SECONDS: Type.Number({ default: 20, exclusiveMinimum: 0 }),
  BENCH_WARMUP_SECONDS: Type.Number({ default: 5, minimum: 0 }),
  /** Citizens in the simulated population database (all synced into the registry). */
  BENCH_DOSSIER_PEOPLE: Type.Integer({ default: 20_000, minimum: 100 }),
  /** Citizens the submissions cycle through. */
  BENCH_DOSSIER_CITIZENS: Type.Integer({ default: 2_000, minimum: 1 }),
  /** Submissions in flight in the closed-loop phases (and connections of the load generator). */
  BENCH_DOSSIER_CONCURRENCY: Type.Integer({ default: 32, minimum: 1, maximum: 1_024 }),
  /** Rate of the open-loop phase: the target throughput, where p99 is judged. */
  BENCH_DOSSIER_RATE: Type.Number({ default: 500, exclusiveMinimum: 0 }),
  /** A second open loop at a rate the mesh sustains (0: none): the latency of a dossier when not queued. */
  BENCH_DOSSIER_LIGHT_RATE: Type.Number({ default: 200, minimum: 0 }),
  /** Most submissions open at once in the open-loop phase; a due one beyond it is skipped and counted. */
  BENCH_DOSSIER_MAX_IN_FLIGHT: Type.Integer({ default: 256, minimum: 1 }),
  /** Writes a V8 CPU profile of the one-stop shop into the run's log folder. */
  BENCH_DOSSIER_CPU_PROFILE: Type.Boolean({ default: false }),
};
type DossierSettings = SettingsOf<typeof DossierEnv>;
/**
 * The load calls as the citizen portal (ONE_STOP_PORTAL_CLIENTS' default), naming each applicant:
 * each answer shows the facts the policy grants it, so each submission is also an audited disclosure.
 */
const CLIENT_CERT = 'citizen-portal';
const ECHO_SERVER_CERT = 'one-stop';
/** The fact the first-registration dossiers type in (and the registry must then hold once per dossier). */
const DECLARED_TYPE = 'military.health_grade';
const DRAIN_TIMEOUT_MS = 120_000;
const QUIET_SECONDS = 10;

interface Phase {
  name: string;
  plan: DossierPlan;
  load: LoadRunResult;
  cpu: CpuUsage;
}

interface DossierPhases {
  /** Open loop at BENCH_DOSSIER_LIGHT_RATE, first, on a quiet mesh. */
  atLightRate?: Phase;
  /** Closed loops: first registrations (the throughput judged), entry permits (all prefilled). */
  closed: Phase;
  prefilledOnly: Phase;
  /** Open loop at BENCH_DOSSIER_RATE: the p99 judged. */
  atRate: Phase;
}

interface MeshRun {
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

async function measureMesh(settings: DossierSettings, kafka: Kafka, logDir: string): Promise<MeshRun> {
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
function formatCpuPerDossier(phase: Phase): string {
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
function fastifyEcho(settings: DossierSettings, run: MeshRun) {
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

/** `pnpm bench dossiers` */
export const { description, main } = defineBench({
  name: 'dossiers',
  description:
    'dossier submissions with prefill (one-stop shop, whole mesh running) against bare Fastify echo, same run',
  settings: DossierEnv,
  quiet: { sources: { label: 'mesh', roots: MESH_SOURCES } },
  measure: ({ settings, kafka, logDir }: BenchContext<DossierSettings>) =>
    measureMesh(settings, kafka, logDir),
  baseline: ({ settings }, run) => fastifyEcho(settings, run),
  targets: ({ phases: { closed, atRate }, memory }, echo) => ({
    // The one-stop issue's bar: at least 500 submissions/s, p99 at most 50 ms at that rate.
    perSecond: atLeast(
      'submissions/s (first registration)',
      closed.load.requestsPerSecond,
      QualityTargets.dossiersPerSecond,
      'per-second',
      `${formatPercent(closed.load.requestsPerSecond / echo.requestsPerSecond)} of bare Fastify echo`,
    ),
    p99MsAtTargetRate: andAlso(
      atMost('p99 at the open-loop rate', atRate.load.latency.p99Ms, QualityTargets.dossierP99Ms, 'ms'),
      atRate.load.errors === 0 && (atRate.load.openLoop?.skipped ?? 0) === 0,
      'no skips, no errors',
    ),
    oneStopIdleRssBytes: atMost(
      'one-stop idle RSS',
      memory.oneStopIdle.rssBytes,
      QualityTargets.idleRssBytes,
      'bytes',
    ),
  }),
  report: (run, echo) => {
    const { settings } = run;
    const { closed, prefilledOnly, atRate, atLightRate } = run.phases;
    const phases = Object.values(run.phases);
    const result = {
      mesh: run.mesh,
      plans: run.plans.map(({ submissions, ...plan }) => ({ ...plan, planned: submissions.length })),
      phases: phases.map(({ plan, ...phase }) => ({ ...phase, procedureCode: plan.procedureCode })),
      stored: run.stored,
      outboxDrained: run.outboxDrained,
      declarationsCaughtUp: run.declarationsCaughtUp,
      memory: run.memory,
      quietCpu: run.quietCpu,
      fastifyEchoMutualTls: echo,
      ratioToEcho: closed.load.requestsPerSecond / echo.requestsPerSecond,
    };
    const prefilled = (phase: Phase): string =>
      `${phase.plan.prefilledFacts.toFixed(1)} prefilled + ${phase.plan.typedFacts.toFixed(1)} typed`;
    const row = (label: string, phase: Phase): string[] =>
      loadRow(label, phase.load, prefilled(phase), 'dossiers');
    const rows = [
      loadRow(
        `Fastify echo, mutual TLS (${echo.concurrency} in flight, ${formatCount(echo.bodyBytes)} B)`,
        echo,
        '',
      ),
      row(`submit ${FIRST_REGISTRATION} first registration (${closed.load.concurrency} in flight)`, closed),
      row(`submit ${ENTRY_PERMIT} entry permit (${prefilledOnly.load.concurrency} in flight)`, prefilledOnly),
      row(
        `submit ${FIRST_REGISTRATION} at ${formatCount(settings.BENCH_DOSSIER_RATE)}/s (open loop, ≤ ${atRate.load.concurrency} open)`,
        atRate,
      ),
      ...(atLightRate
        ? [
            row(
              `submit ${FIRST_REGISTRATION} at ${formatCount(settings.BENCH_DOSSIER_LIGHT_RATE)}/s (open loop, ≤ ${atLightRate.load.concurrency} open)`,
              atLightRate,
            ),
          ]
        : []),
    ];
    const skipped = atRate.load.openLoop?.skipped ?? 0;
    const measuredSubmissions = phases.reduce((sum, phase) => sum + phase.load.requests, 0);
    const checks = [
      [
        `open loop at ${formatCount(settings.BENCH_DOSSIER_RATE)}/s`,
        `${formatRate(atRate.load.requestsPerSecond, 'dossiers')} done, ${formatCount(skipped)} skipped, ` +
          `${formatCount(atRate.load.errors)} errors, peak ${atRate.load.openLoop?.peakInFlight ?? 0} open`,
      ],
      ['one-stop RSS after the load', formatMB(run.memory.oneStopAfterLoad.rssBytes)],
      [
        'stored',
        `${formatCount(run.stored.dossiers)} dossiers (${formatCount(measuredSubmissions)} answered 201 in the measured windows, ` +
          `more in warm-ups); outbox ${formatCount(run.stored.outboxEvents)} events, ` +
          `${run.outboxDrained ? 'all relayed' : `${formatCount(run.stored.outboxUnpublished)} NOT relayed`}; ` +
          `${formatCount(run.stored.declaredApplied)} typed-in ${DECLARED_TYPE} facts applied by the registry` +
          `${run.declarationsCaughtUp ? '' : ' (NOT caught up)'}`,
      ],
      [`CPU: no load (${QUIET_SECONDS} s)`, formatCpuUsage(run.quietCpu)],
      ...phases.map((phase) => [`CPU: ${phase.name}`, formatCpuUsage(phase.cpu)]),
      ...phases.map((phase) => [`CPU per dossier: ${phase.name}`, formatCpuPerDossier(phase)]),
      [
        'mesh set-up',
        `${formatCount(run.mesh.seed.people)} people seeded in ${formatSeconds(run.mesh.seed.seconds)}; bulk sync ` +
          `${formatSeconds(run.mesh.syncSeconds)}, applied by the registry after ${formatSeconds(run.mesh.appliedSeconds)}; ` +
          run.plans
            .map(
              (plan) =>
                `prefill ${plan.procedureCode}: ${formatCount(plan.submissions.length)} planned, p50 ${formatMs(plan.prefillLatency.p50Ms)}` +
                (Object.keys(plan.skipped).length > 0 ? `, skipped ${JSON.stringify(plan.skipped)}` : ''),
            )
            .join('; '),
      ],
    ];
    const errorLines = phases.flatMap((phase) =>
      phase.load.errorSamples.length > 0
        ? [`errors (${phase.name}): ${phase.load.errorSamples.join(' | ')}`]
        : [],
    );
    return {
      columns: ['throughput', 'p50', 'p99', 'facts per dossier'],
      rows,
      notes: checks,
      lines: errorLines,
      result,
    };
  },
});
