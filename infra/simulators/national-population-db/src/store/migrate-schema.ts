import { setTimeout as sleep } from 'node:timers/promises';
import { migrate, type MigrateSettings } from '@motlan/db';

const LOCK_BUSY = 'Another migration is already running';

/**
 * `migrate()` from @motlan/db, retried while another migration holds node-pg-migrate's lock.
 * That lock is one per database and only tried, not waited for, so a service starting next to
 * this simulator (pnpm start, parallel tests) would otherwise fail at once.
 */
export async function migrateSchema(settings: MigrateSettings, deadlineMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await migrate(settings);
    } catch (error) {
      if (!(error instanceof Error && error.message.includes(LOCK_BUSY)) || Date.now() > deadline)
        throw error;
      await sleep(100 + Math.floor(Math.random() * 200));
    }
  }
}
