/** A partition's offsets at the start of a rebuild (kafkajs fetchTopicOffsets: `low` first kept, `high` next written). */
export interface PartitionRange {
  partition: number;
  low: string;
  high: string;
}

/**
 * How far a rebuild is through the records that were on the topic when it started. `total` is
 * Σ(high − low) at the start; `done` counts, per partition, the offsets from `low` up to the highest
 * one settled, never past `high`. So records written while the rebuild runs (the consumer reads
 * them too until every partition has caught up) and records delivered again after a rebalance do
 * not count, and `done` never exceeds `total` — counting every settled record did both.
 */
export class RebuildProgress {
  readonly total: number;
  private readonly ranges = new Map<number, { low: bigint; high: bigint }>();
  private readonly reached = new Map<number, bigint>();

  constructor(offsets: readonly PartitionRange[]) {
    for (const { partition, low, high } of offsets) {
      this.ranges.set(partition, { low: BigInt(low), high: BigInt(high) });
    }
    this.total = offsets.reduce((sum, entry) => sum + Number(BigInt(entry.high) - BigInt(entry.low)), 0);
  }

  /** Notes that the record at `offset` (a kafkajs offset string) of `partition` was settled. */
  settled(partition: number, offset: string): void {
    const value = BigInt(offset);
    if (value > (this.reached.get(partition) ?? -1n)) this.reached.set(partition, value);
  }

  /** Records of the start's ranges settled so far (0..total). */
  get done(): number {
    let sum = 0n;
    for (const [partition, { low, high }] of this.ranges) {
      const reached = this.reached.get(partition);
      if (reached === undefined || reached < low) continue;
      sum += (reached + 1n < high ? reached + 1n : high) - low;
    }
    return Number(sum);
  }

  /** Whether every partition has settled its last record of the start's range. */
  get caughtUp(): boolean {
    for (const [partition, { low, high }] of this.ranges) {
      if (high > low && (this.reached.get(partition) ?? -1n) < high - 1n) return false;
    }
    return true;
  }
}
