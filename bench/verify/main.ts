/**
 * `pnpm bench verify`: warm VerifyCitizen over gRPC (mutual TLS) against the population adapter,
 * against a bare grpc-js echo measured in the same run. See bench/README.md, "verify".
 */
import { grpcEchoRows, runGrpcEchoPair } from '../baseline/index.ts';
import { defineBench } from '../lib/harness.ts';
import { describeCpu } from '../lib/process-stats.ts';
import { formatCount as n, formatMB, formatPercent, formatSeconds, loadRow } from '../lib/report.ts';
import { atLeast, atMost, QualityTargets as Q } from '../lib/targets.ts';
import { verifiedShare } from '../lib/verifications.ts';
import { measureVerify } from './measure.ts';
import { startVerifyMesh } from './mesh.ts';
import { VerifyEnv } from './settings.ts';

export const { description, main } = defineBench({
  name: 'verify',
  description:
    'warm VerifyCitizen over gRPC (population adapter + simulator) against bare grpc-js echo, same run',
  settings: VerifyEnv,
  setup: startVerifyMesh,
  measure: measureVerify,
  baseline: ({ settings }) => runGrpcEchoPair(settings, 'population-adapter'),
  targets: ({ load, memory }, { echo, echoTls }) => ({
    throughputRatio: atLeast(
      'VerifyCitizen / bare echo',
      load.requestsPerSecond / echo.requestsPerSecond,
      Q.warmGrpcRatioToEcho,
      'ratio',
      `${formatPercent(load.requestsPerSecond / echoTls.requestsPerSecond)} of echo over mutual TLS`,
    ),
    p99Ms: atMost('p99 at that load', load.latency.p99Ms, Q.warmGrpcP99Ms, 'ms'),
    adapterIdleRssBytes: atMost('adapter idle RSS', memory.adapterIdle.rssBytes, Q.idleRssBytes, 'bytes'),
  }),
  report: (run, echoes) => {
    const { load, warm, memory: mem } = run;
    const share = verifiedShare(load);
    return {
      rows: [
        ...grpcEchoRows(echoes),
        loadRow(
          `VerifyCitizen warm, mutual TLS (${load.concurrency} in flight, ${n(load.distinctRequests)} citizens)`,
          load,
          `adapter ${formatMB(mem.adapterAfterLoad.rssBytes)} / simulator ${formatMB(mem.simulator.rssBytes)} / load ${formatMB(load.loadMemory.rssBytes)}`,
        ),
        loadRow(
          `VerifyCitizen cold (warm-up, ${warm.calls} calls)`,
          { ...warm, requestsPerSecond: warm.calls / warm.seconds },
          `adapter idle ${formatMB(mem.adapterIdle.rssBytes)}, warm ${formatMB(mem.adapterWarm.rssBytes)}`,
        ),
      ],
      notes: [
        [
          'answers under load',
          `${formatPercent(share)} verified: true, ${formatPercent(run.expectedVerifiedShare)} expected from the records ` +
            `(${Math.abs(share - run.expectedVerifiedShare) <= 0.01 ? 'as expected' : 'DIFFERS'}), ${n(run.upstreamCalls.load)} upstream calls`,
        ],
        ['CPU under load', describeCpu(run.cpu, { load: run.cpu.exitedChildren })],
        [
          'warm-up answers',
          `${n(warm.asExpected)}/${n(warm.calls)} as the records say, ${n(run.upstreamCalls.warm)} upstream calls, ${formatSeconds(warm.seconds)}`,
        ],
      ],
      lines: [
        ...(load.errorSamples.length > 0 ? [`errors under load: ${load.errorSamples.join(' | ')}`] : []),
        ...(warm.errorSamples.length > 0 ? [`errors in warm-up: ${warm.errorSamples.join(' | ')}`] : []),
        ...(warm.unexpected > 0
          ? [`answers contradicting the records: ${JSON.stringify(warm.unexpectedSamples)}`]
          : []),
      ],
      result: {
        verifyCitizen: {
          ...run.mesh,
          ...load,
          distinctCitizens: run.citizens,
          expectedVerifiedShare: run.expectedVerifiedShare,
          verifiedShare: share,
          upstreamCallsDuringWarm: run.upstreamCalls.warm,
          upstreamCallsDuringLoad: run.upstreamCalls.load,
          memory: mem,
          cpu: run.cpu,
        },
        warm,
        grpcEcho: echoes.echo,
        grpcEchoMutualTls: echoes.echoTls,
        ratioToEcho: load.requestsPerSecond / echoes.echo.requestsPerSecond,
        ratioToEchoMutualTls: load.requestsPerSecond / echoes.echoTls.requestsPerSecond,
      },
    };
  },
});
