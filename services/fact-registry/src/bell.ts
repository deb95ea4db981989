/**
 * Wakes waiters at once when something happened, instead of at their next poll: the facts
 * consumer rings after each transaction it commits, and the notification relay and the open
 * notification streams, idle, wait on it. Polling stays as the fallback (another instance's
 * consumer committed; a ring came between a look and the wait), so a missed ring costs latency,
 * never a notification.
 */
export class Bell {
  private waiters = new Set<() => void>();
  private rings = 0;

  /** How many times it has rung: compare before and after a look to know a ring was missed. */
  get count(): number {
    return this.rings;
  }

  ring(): void {
    this.rings += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /**
   * Resolves on the next ring, after `timeoutMs`, or when `signal` aborts — at once when it rang
   * since `seen` (a `count` read before the look that found nothing).
   */
  wait(timeoutMs: number, signal: AbortSignal, seen = this.rings): Promise<void> {
    if (this.rings !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
