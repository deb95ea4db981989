/** `sync`'s report: the measurement table, findings and the JSON result (bench/README.md). */
import { describeCpu } from '../lib/process-stats.ts';
import { formatCount, formatMB, formatMs, formatPercent, formatRate, formatSeconds } from '../lib/report.ts';
import type { BenchReport } from '../lib/harness.ts';
import type { KafkaProduceBaselineResult } from '../baseline/index.ts';
import { FACTS_TOPIC, type SyncRun } from './measure.ts';

export function reportSync(run: SyncRun, raw: KafkaProduceBaselineResult): BenchReport {
  const { sync, sizes } = run;
  const ratio = sync.factsPerSecond / raw.messagesPerSecond;
  const factBytes = sizes.keyBytes + sizes.valueBytes + sizes.headerBytes;
  return {
    columns: ['throughput', 'time', 'RSS'],
    rows: [
      [
        `seed simulator, ${formatCount(run.seed.people)} people (not counted)`,
        formatRate(run.seed.people / run.seed.seconds, 'people'),
        formatSeconds(run.seed.seconds),
      ],
      [
        `bulk sync (page ${sync.pageSize}, ${sync.inFlight} in flight)`,
        `${formatRate(sync.factsPerSecond, 'facts')}  (${formatRate(sync.citizensPerSecond, 'citizens')})`,
        formatSeconds(sync.wallSeconds),
        `sync ${formatMB(run.memory.sync.rssBytes)} (peak ${formatMB(run.memory.sync.peakRssBytes)}) / ` +
          `simulator ${formatMB(run.memory.simulator.rssBytes)} (peak ${formatMB(run.memory.simulator.peakRssBytes)})`,
      ],
      [
        `raw kafkajs produce (${Math.round(factBytes)} B, ${formatCount(raw.batchSize)}/send, ${raw.sendsInFlight} in flight)`,
        `${formatRate(raw.messagesPerSecond, 'msg')}  (${formatRate(raw.megabytesPerSecond, 'MB')})`,
        formatSeconds(raw.seconds),
        `client ${formatMB(raw.clientMemory.rssBytes)}`,
      ],
    ],
    notes: [
      ['bulk sync / raw produce', formatPercent(ratio)],
      [
        'facts',
        `${formatCount(sync.facts)} reported, ${formatCount(sync.factsLanded)} landed on ${FACTS_TOPIC} ` +
          `(${sync.factsPerCitizen.toFixed(1)} per citizen; ${Math.round(sizes.valueBytes)} B value + ` +
          `${Math.round(sizes.keyBytes)} B key + ${Math.round(sizes.headerBytes)} B in ${Math.round(sizes.headerCount)} headers)`,
      ],
      ['CPU during the sync', describeCpu(run.cpu, { sync: run.cpu.exitedChildren })],
      [
        'raw produce send p50 / p99',
        `${formatMs(raw.sendLatency.p50Ms)} / ${formatMs(raw.sendLatency.p99Ms)}`,
      ],
    ],
    lines:
      sync.factsLanded !== sync.facts
        ? [
            `warning: the sync reported ${sync.facts} facts but ${sync.factsLanded} landed on ${FACTS_TOPIC} ` +
              '(another producer on the topic, or lost/duplicated messages)',
          ]
        : [],
    result: {
      seed: run.seed,
      sync: { ...sync, factMegabytesPerSecond: (sync.factsLanded * factBytes) / 1e6 / sync.wallSeconds },
      factSizes: sizes,
      cpu: run.cpu,
      memory: run.memory,
      rawProduce: raw,
      ratioToRawProduce: ratio,
      schemas: run.schemas,
    },
  };
}
