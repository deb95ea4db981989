import { fileURLToPath } from 'node:url';
import { Type } from '@motlan/config';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Settings every adapter shares; compose into the adapter's own schema. */
export const AdapterEnv = {
  UPSTREAM_ATTEMPT_TIMEOUT_MS: Type.Integer({ default: 2_000, minimum: 10 }),
  UPSTREAM_RETRIES: Type.Integer({ default: 2, minimum: 0, maximum: 10 }),
  BREAKER_RESET_MS: Type.Integer({ default: 5_000, minimum: 100 }),
  /** Deadline for REST calls, and the cap on a gRPC caller's own deadline. */
  REQUEST_DEADLINE_MS: Type.Integer({ default: 3_000, minimum: 50 }),
  /** A known record younger than this is served without asking the upstream. */
  SNAPSHOT_FRESH_FOR_MS: Type.Integer({ default: 300_000, minimum: 0 }),
  SNAPSHOT_CACHE_ENTRIES: Type.Integer({ default: 100_000, minimum: 0 }),
  /** 0 turns the change feed sync off. */
  CHANGE_FEED_INTERVAL_MS: Type.Integer({ default: 2_000, minimum: 0 }),
  CHANGE_FEED_BATCH: Type.Integer({ default: 500, minimum: 1, maximum: 5_000 }),
  /** Folder with ca.pem and <adapter id>.pem / -key.pem (infra/certs/generate.sh makes them). */
  MTLS_CERT_DIR: Type.String({ default: `${REPO_ROOT}infra/certs/.certs` }),
  ACCESS_POLICY_FILE: Type.String({ default: `${REPO_ROOT}infra/policies/access-policy.json` }),
};

export interface AdapterSettings {
  UPSTREAM_ATTEMPT_TIMEOUT_MS: number;
  UPSTREAM_RETRIES: number;
  BREAKER_RESET_MS: number;
  REQUEST_DEADLINE_MS: number;
  SNAPSHOT_FRESH_FOR_MS: number;
  SNAPSHOT_CACHE_ENTRIES: number;
  CHANGE_FEED_INTERVAL_MS: number;
  CHANGE_FEED_BATCH: number;
  MTLS_CERT_DIR: string;
  ACCESS_POLICY_FILE: string;
}
