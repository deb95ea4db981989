import { fileURLToPath } from 'node:url';

/** The registry's own migrations (the audit table comes from @motlan/access). */
export const MIGRATIONS = fileURLToPath(new URL('../migrations/', import.meta.url));
