import { describe, expect, it } from 'vitest';
import { DeliveryTally } from '../lib/delivery-tally.ts';

const change = (subject: string, version: number, at = 0, measured = true) => ({
  at,
  measured,
  subject,
  version,
});

describe('DeliveryTally', () => {
  it('counts each change sent and delivered once, timing only the measured ones', () => {
    const tally = new DeliveryTally();
    tally.sent('f1', change('a', 2, 0, false));
    tally.sent('f2', change('a', 3, 10));
    tally.sent('f3', change('b', 2, 20));
    tally.delivered('n1', 'f1', 5);
    tally.delivered('n2', 'f2', 40);
    tally.delivered('n3', 'f3', 120);
    const counts = tally.counts();
    expect(counts).toMatchObject({
      sent: 3,
      sentMeasured: 2,
      delivered: 3,
      missing: 0,
      missingMeasured: 0,
      redelivered: 0,
      notifiedTwice: 0,
      foreign: 0,
      outOfOrder: 0,
    });
    expect(counts.latency.count).toBe(2);
    expect(counts.latency.p50Ms).toBeCloseTo(30, 1);
    expect(counts.latency.maxMs).toBeCloseTo(100, 1);
    expect(tally.pending()).toBe(0);
  });

  it('tells a redelivery (same event id) from a change notified twice (two event ids) and from what it never sent', () => {
    const tally = new DeliveryTally();
    tally.sent('f1', change('a', 2));
    tally.delivered('n1', 'f1', 1);
    tally.delivered('n1', 'f1', 2);
    tally.delivered('n9', 'f1', 3);
    tally.delivered('n5', 'not-sent', 4);
    expect(tally.counts()).toMatchObject({ delivered: 1, redelivered: 1, notifiedTwice: 1, foreign: 1 });
    expect(tally.counts().latency.count).toBe(1);
  });

  it('counts what never came as missing, the window apart', () => {
    const tally = new DeliveryTally();
    tally.sent('f1', change('a', 2, 0, false));
    tally.sent('f2', change('a', 3));
    tally.sent('f3', change('b', 2));
    tally.delivered('n3', 'f3', 1);
    expect(tally.pending()).toBe(2);
    expect(tally.pending(true)).toBe(1);
    expect(tally.counts()).toMatchObject({ sent: 3, delivered: 1, missing: 2, missingMeasured: 1 });
  });

  it("counts a citizen's change delivered after a later version of it as out of order", () => {
    const tally = new DeliveryTally();
    tally.sent('a2', change('a', 2));
    tally.sent('a3', change('a', 3));
    tally.sent('b2', change('b', 2));
    tally.delivered('n-a3', 'a3', 1);
    tally.delivered('n-b2', 'b2', 2);
    tally.delivered('n-a2', 'a2', 3);
    expect(tally.counts()).toMatchObject({ delivered: 3, outOfOrder: 1 });
  });

  it('expects nothing of a change whose publish failed', () => {
    const tally = new DeliveryTally();
    tally.sent('f1', change('a', 2));
    tally.sent('f2', change('b', 2, 0, false));
    tally.unsent('f1');
    tally.unsent('f2');
    expect(tally.counts()).toMatchObject({ sent: 0, sentMeasured: 0, missing: 0, missingMeasured: 0 });
  });

  it('splits the latency at a step on the way when the delivery names one', () => {
    const tally = new DeliveryTally();
    tally.sent('f1', change('a', 2, 100));
    tally.sent('f2', change('b', 2, 100));
    tally.delivered('n1', 'f1', 400, 130);
    tally.delivered('n2', 'f2', 150);
    const counts = tally.counts();
    expect(counts.latency.count).toBe(2);
    expect(counts.toStep.count).toBe(1);
    expect(counts.toStep.maxMs).toBeCloseTo(30, 1);
    expect(counts.fromStep.maxMs).toBeCloseTo(270, 1);
  });
});
