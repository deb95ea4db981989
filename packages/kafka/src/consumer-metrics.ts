import { Counter, Gauge, type Registry } from 'prom-client';

export type ConsumeOutcome = 'applied' | 'duplicate' | 'retried' | 'dead_lettered';

export interface ConsumerMetrics {
  outcomes: Counter<'topic' | 'group' | 'outcome'>;
  lag: Gauge<'topic' | 'group' | 'partition'>;
}

const cache = new WeakMap<Registry, ConsumerMetrics>();

/** Consumer metrics on a service's registry, made once per registry. */
export function consumerMetrics(registry: Registry): ConsumerMetrics {
  let metrics = cache.get(registry);
  if (!metrics) {
    metrics = {
      outcomes: new Counter({
        name: 'motlan_kafka_messages_total',
        help: 'Messages handled by Kafka consumers, by outcome (dead_lettered = DLQ count)',
        labelNames: ['topic', 'group', 'outcome'],
        registers: [registry],
      }),
      lag: new Gauge({
        name: 'motlan_kafka_consumer_lag',
        help: 'Messages between the last processed offset and the partition high watermark',
        labelNames: ['topic', 'group', 'partition'],
        registers: [registry],
      }),
    };
    cache.set(registry, metrics);
  }
  return metrics;
}
