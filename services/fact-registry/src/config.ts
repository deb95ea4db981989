import { fileURLToPath } from 'node:url';
import {
  DatabaseEnv,
  GrpcEnv,
  HttpEnv,
  KafkaEnv,
  loadConfig,
  LogEnv,
  Type,
  type Static,
} from '@motlan/config';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const ConfigSchema = Type.Object({
  ...LogEnv,
  ...KafkaEnv,
  ...DatabaseEnv,
  ...HttpEnv,
  ...GrpcEnv,
  HTTP_PORT: Type.Integer({ default: 7200, minimum: 0, maximum: 65535 }),
  GRPC_PORT: Type.Integer({ default: 7201, minimum: 0, maximum: 65535 }),
  FACT_REGISTRY_SCHEMA: Type.String({ default: 'fact_registry', pattern: '^[a-z_][a-z0-9_]*$' }),
  /** Consumer group of the citizen.facts.v1 consumer. */
  FACT_REGISTRY_GROUP: Type.String({ default: 'fact-registry', minLength: 1 }),
  /** Folder with ca.pem and fact-registry.pem / -key.pem (infra/certs/generate.sh makes them). */
  MTLS_CERT_DIR: Type.String({ default: `${REPO_ROOT}infra/certs/.certs` }),
  ACCESS_POLICY_FILE: Type.String({ default: `${REPO_ROOT}infra/policies/access-policy.json` }),
  /** Partitions of citizen.facts.v1 handled at once (ordering stays per citizen). */
  CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /**
   * `off` applies facts without tracking discrepancies between sources (a baseline for `pnpm bench
   * discrepancies`); what is already recorded stays, and is brought up to date when back `on`.
   */
  REGISTRY_DISCREPANCIES: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on' }),
});

export type Config = Static<typeof ConfigSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
