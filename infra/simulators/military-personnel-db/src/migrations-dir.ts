import { fileURLToPath } from 'node:url';

/** This simulator's SQL migrations, for `migrate({ dir })` and `TestResources.schema()`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
