import { fileURLToPath } from 'node:url';

/** The repository root (src/ and dist/ are both two levels under infra/deploy). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** infra/deploy itself. */
export const DEPLOY_ROOT = fileURLToPath(new URL('../', import.meta.url));
