/**
 * Counts what a consumer got against what was sent, for at-least-once delivery with stable ids:
 * each change sent should be delivered exactly once. Sent changes are known by their fact id;
 * deliveries by their event id (a notification id: the same change for the same subscription
 * always has the same one). Also checks order per subject (a citizen's later versions after its
 * earlier ones), and the latency of each first delivery of a measured change.
 */
import { LatencyRecorder, type LatencySummary } from './histogram.ts';

export interface SentChange {
  /** `performance.now()` when the change was handed to the producer. */
  at: number;
  /** Inside the measured window (the warm-up's changes are counted, not timed). */
  measured: boolean;
  /** Whose change (e.g. the personal ID) and its version there, for the order check. */
  subject: string;
  version: number;
}

export interface DeliveryCounts {
  /** Changes sent (warm-up included) and those of the measured window. */
  sent: number;
  sentMeasured: number;
  /** Sent changes delivered at least once, and those never delivered (so far). */
  delivered: number;
  missing: number;
  missingMeasured: number;
  /** Deliveries of an event id already delivered (redelivery: at-least-once). */
  redelivered: number;
  /** Changes delivered under more than one event id (a change notified twice as two notifications). */
  notifiedTwice: number;
  /** Deliveries of changes this run did not send (e.g. from before the drive). */
  foreign: number;
  /** First deliveries of a subject's change that came after a later version of it. */
  outOfOrder: number;
  /** Sent → first delivered, for measured changes. */
  latency: LatencySummary;
  /**
   * The same split at a step in between, for the measured deliveries that named one (e.g. when
   * the registry recorded the change): sent → step, and step → delivered.
   */
  toStep: LatencySummary;
  fromStep: LatencySummary;
}

export class DeliveryTally {
  private readonly sentChanges = new Map<string, SentChange>();
  private readonly deliveredChanges = new Map<string, string>();
  private readonly seenEvents = new Set<string>();
  private readonly lastVersion = new Map<string, number>();
  private readonly latencies = new LatencyRecorder();
  private readonly toStep = new LatencyRecorder();
  private readonly fromStep = new LatencyRecorder();
  private sentCount = 0;
  private sentMeasured = 0;
  private deliveredMeasured = 0;
  private redelivered = 0;
  private notifiedTwice = 0;
  private foreign = 0;
  private outOfOrder = 0;

  /** A change handed to the producer. */
  sent(changeId: string, change: SentChange): void {
    this.sentChanges.set(changeId, change);
    this.sentCount += 1;
    if (change.measured) this.sentMeasured += 1;
  }

  /**
   * A change whose send failed: it is not expected any more (the caller counts the error). Only
   * before any delivery of it: a send that failed after the broker took it is still expected.
   */
  unsent(changeId: string): void {
    const change = this.sentChanges.get(changeId);
    if (!change || this.deliveredChanges.has(changeId)) return;
    this.sentChanges.delete(changeId);
    this.sentCount -= 1;
    if (change.measured) this.sentMeasured -= 1;
  }

  /**
   * A delivery of event `eventId` carrying change `changeId`, seen at `at` (`performance.now()`);
   * `stepAt`, on the same clock, when it passed a step on the way, if the delivery says.
   */
  delivered(eventId: string, changeId: string, at: number, stepAt?: number): void {
    if (this.seenEvents.has(eventId)) {
      this.redelivered += 1;
      return;
    }
    this.seenEvents.add(eventId);
    const change = this.sentChanges.get(changeId);
    if (!change) {
      this.foreign += 1;
      return;
    }
    const firstEvent = this.deliveredChanges.get(changeId);
    if (firstEvent !== undefined) {
      this.notifiedTwice += 1;
      return;
    }
    this.deliveredChanges.set(changeId, eventId);
    const last = this.lastVersion.get(change.subject) ?? -Infinity;
    if (change.version < last) this.outOfOrder += 1;
    else this.lastVersion.set(change.subject, change.version);
    if (!change.measured) return;
    this.deliveredMeasured += 1;
    this.latencies.record(at - change.at);
    if (stepAt === undefined) return;
    this.toStep.record(stepAt - change.at);
    this.fromStep.record(at - stepAt);
  }

  /** Sent changes not delivered yet; `measuredOnly` counts the window's alone. */
  pending(measuredOnly = false): number {
    return measuredOnly
      ? this.sentMeasured - this.deliveredMeasured
      : this.sentCount - this.deliveredChanges.size;
  }

  counts(): DeliveryCounts {
    const delivered = this.deliveredChanges.size;
    return {
      sent: this.sentCount,
      sentMeasured: this.sentMeasured,
      delivered,
      missing: this.sentCount - delivered,
      missingMeasured: this.pending(true),
      redelivered: this.redelivered,
      notifiedTwice: this.notifiedTwice,
      foreign: this.foreign,
      outOfOrder: this.outOfOrder,
      latency: this.latencies.summary(),
      toStep: this.toStep.summary(),
      fromStep: this.fromStep.summary(),
    };
  }
}
