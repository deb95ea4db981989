import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '@motlan/db';
import { TestResources } from '@motlan/testkit';
import { MIGRATIONS } from '../src/migrations-dir.ts';
import { DossierNumbers } from '../src/store/dossier-numbers.ts';

const resources = new TestResources();
let pool: Pool;

beforeAll(async () => {
  ({ pool } = await resources.schema(MIGRATIONS, 'one_stop_numbers'));
}, 60_000);
afterAll(() => resources.cleanup());

describe('dossier numbers', () => {
  it('never hands out a number twice, across concurrent callers and instances, taking blocks', async () => {
    const first = new DossierNumbers(pool, 10);
    const second = new DossierNumbers(pool, 10); // another instance of the service
    const taken = await Promise.all([
      ...Array.from({ length: 35 }, () => first.next()),
      ...Array.from({ length: 25 }, () => second.next()),
    ]);
    expect(new Set(taken).size).toBe(60);
    // 35 + 25 numbers in blocks of 10: four blocks for the first instance, three for the second.
    const { rows } = await pool.query<{ last: string }>('SELECT last_value AS last FROM dossier_code_seq');
    expect(Number(rows[0]!.last)).toBe(70);
    // Within one instance numbers come in order.
    const next = await Promise.all([first.next(), first.next()]);
    expect(next[1]).toBe(next[0]! + 1);
  });
});
