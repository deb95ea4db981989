import type { Pool } from '@motlan/db';

/**
 * Dossier numbers (the end of a dossier code) from dossier_code_seq, taken a block at a time so a
 * submission does not wait for one. Numbers stay unique across instances; those unused at
 * shutdown are skipped, as a sequence skips the numbers of rolled-back transactions.
 */
export class DossierNumbers {
  private readonly free: number[] = [];
  private refill: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly blockSize = 100,
  ) {}

  async next(): Promise<number> {
    while (this.free.length === 0) {
      this.refill ??= this.pool
        .query<{ n: string }>("SELECT nextval('dossier_code_seq') AS n FROM generate_series(1, $1)", [
          this.blockSize,
        ])
        .then(({ rows }) => void this.free.push(...rows.map((row) => Number(row.n)).sort((a, b) => a - b)))
        .finally(() => (this.refill = undefined));
      await this.refill;
    }
    return this.free.shift()!;
  }
}
