/**
 * `military`'s report: the echo rows, one row per load (by personal ID, by military person code)
 * and per warm-up, the `verified` share against the records', the upstream lookups of each phase
 * by route (0 = really warm), CPU, and the JSON result.
 */
import { grpcEchoRows, type GrpcEchoPair } from '../baseline/index.ts';
import type { BenchReport } from '../lib/harness.ts';
import { describeCpu } from '../lib/process-stats.ts';
import { formatCount as n, formatMB, formatPercent, formatSeconds, loadRow } from '../lib/report.ts';
import { verifiedShare } from '../lib/verifications.ts';
import { LOOKUP_KEYS, LOOKUP_LABEL as LABEL, type MilitaryMeasured, type UpstreamCalls } from './measure.ts';

const describeCalls = (calls: UpstreamCalls): string =>
  `${n(calls.byPersonalId)} by personal ID, ${n(calls.byMilitaryCode)} by military code`;

export function militaryReport(run: MilitaryMeasured, echoes: GrpcEchoPair): BenchReport {
  const { load, warm, memory: mem } = run;
  const expected = run.expectedVerifiedShare;
  const rows = LOOKUP_KEYS.map((key) =>
    loadRow(
      `VerifyServiceMember ${LABEL[key]}, mutual TLS (${load[key].concurrency} in flight, ${n(load[key].distinctRequests)} members)`,
      load[key],
      key === 'byPersonalId'
        ? `adapter ${formatMB(mem.adapterAfterLoad.rssBytes)} / simulator ${formatMB(mem.simulator.rssBytes)} / load ${formatMB(load[key].loadMemory.rssBytes)}`
        : `load ${formatMB(load[key].loadMemory.rssBytes)}`,
    ),
  );
  const warmRows = LOOKUP_KEYS.map((key) =>
    loadRow(
      `VerifyServiceMember ${LABEL[key]}, warm-up (${n(warm[key].calls)} calls)`,
      { ...warm[key], requestsPerSecond: warm[key].calls / warm[key].seconds },
      key === 'byPersonalId'
        ? `adapter idle ${formatMB(mem.adapterIdle.rssBytes)}, warm ${formatMB(mem.adapterWarm.rssBytes)}`
        : '',
    ),
  );
  const shareNotes = LOOKUP_KEYS.map((key) => {
    const share = verifiedShare(load[key]);
    return [
      `answers ${LABEL[key]}`,
      `${formatPercent(share)} verified: true, ${formatPercent(expected)} expected from the records ` +
        `(${Math.abs(share - expected) <= 0.01 ? 'as expected' : 'DIFFERS'}); upstream lookups ${describeCalls(run.upstreamCalls[key])}`,
    ];
  });
  return {
    rows: [...grpcEchoRows(echoes), ...rows, ...warmRows],
    notes: [
      ...shareNotes,
      ...LOOKUP_KEYS.map((key) => [
        `CPU ${LABEL[key]}`,
        describeCpu(run.cpu[key], { load: run.cpu[key].exitedChildren }),
      ]),
      [
        'warm-up answers',
        LOOKUP_KEYS.map(
          (key) =>
            `${LABEL[key]} ${n(warm[key].asExpected)}/${n(warm[key].calls)} as the records say (${formatSeconds(warm[key].seconds)})`,
        ).join(', ') + `; upstream lookups ${describeCalls(run.upstreamCalls.warm)}`,
      ],
      [
        'population',
        `${n(run.mesh.seed.people)} citizens seeded, ${n(run.mesh.personnel)} well-formed personnel records, ${n(run.members)} sampled`,
      ],
    ],
    lines: LOOKUP_KEYS.flatMap((key) => [
      ...(load[key].errorSamples.length > 0
        ? [`errors under load ${LABEL[key]}: ${load[key].errorSamples.join(' | ')}`]
        : []),
      ...(warm[key].errorSamples.length > 0
        ? [`errors in warm-up ${LABEL[key]}: ${warm[key].errorSamples.join(' | ')}`]
        : []),
      ...(warm[key].unexpected > 0
        ? [`answers ${LABEL[key]} contradicting the records: ${JSON.stringify(warm[key].unexpectedSamples)}`]
        : []),
    ]),
    result: {
      verifyServiceMember: Object.fromEntries(
        LOOKUP_KEYS.map((key) => [
          key,
          {
            ...load[key],
            verifiedShare: verifiedShare(load[key]),
            upstreamCallsDuringLoad: run.upstreamCalls[key],
            cpu: run.cpu[key],
            ratioToEcho: load[key].requestsPerSecond / echoes.echo.requestsPerSecond,
            ratioToEchoMutualTls: load[key].requestsPerSecond / echoes.echoTls.requestsPerSecond,
          },
        ]),
      ),
      ...run.mesh,
      members: run.members,
      expectedVerifiedShare: expected,
      upstreamCallsDuringWarm: run.upstreamCalls.warm,
      warm,
      memory: mem,
      grpcEcho: echoes.echo,
      grpcEchoMutualTls: echoes.echoTls,
    },
  };
}
