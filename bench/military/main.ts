/**
 * `pnpm bench military`: warm VerifyServiceMember over gRPC (mutual TLS) against the military
 * personnel adapter, by personal ID and by military person code, against a bare grpc-js echo
 * measured in the same run. See bench/README.md, "military".
 */
import { runGrpcEchoPair } from '../baseline/index.ts';
import { defineBench } from '../lib/harness.ts';
import { formatPercent } from '../lib/report.ts';
import { atLeast, atMost, QualityTargets as Q } from '../lib/targets.ts';
import { LOOKUP_KEYS, LOOKUP_LABEL, measureMilitary } from './measure.ts';
import { startMilitaryMesh } from './mesh.ts';
import { militaryReport } from './report.ts';
import { MilitaryEnv } from './settings.ts';

export const { description, main } = defineBench({
  name: 'military',
  description:
    'warm VerifyServiceMember over gRPC (military adapter + simulators), by personal ID and by military person code, against bare grpc-js echo, same run',
  settings: MilitaryEnv,
  setup: startMilitaryMesh,
  measure: measureMilitary,
  baseline: ({ settings }) => runGrpcEchoPair(settings, 'military-personnel-adapter'),
  targets: ({ load, memory }, { echo, echoTls }) => ({
    ...Object.fromEntries(
      LOOKUP_KEYS.flatMap((key) => [
        [
          `${key}ThroughputRatio`,
          atLeast(
            `${LOOKUP_LABEL[key]} / bare echo`,
            load[key].requestsPerSecond / echo.requestsPerSecond,
            Q.warmGrpcRatioToEcho,
            'ratio',
            `${formatPercent(load[key].requestsPerSecond / echoTls.requestsPerSecond)} of echo over mutual TLS`,
          ),
        ],
        [`${key}P99Ms`, atMost('p99 at that load', load[key].latency.p99Ms, Q.warmGrpcP99Ms, 'ms')],
      ]),
    ),
    adapterIdleRssBytes: atMost('adapter idle RSS', memory.adapterIdle.rssBytes, Q.idleRssBytes, 'bytes'),
  }),
  report: militaryReport,
});
