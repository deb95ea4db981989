import { fileURLToPath } from 'node:url';

/** The one-stop service's migrations (dossiers, history, ratings, outbox). */
export const MIGRATIONS = fileURLToPath(new URL('../migrations/', import.meta.url));
