import { fileURLToPath } from 'node:url';
import { DatabaseEnv, HttpEnv, KafkaEnv, loadConfig, LogEnv, Type, type Static } from '@motlan/config';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const ConfigSchema = Type.Object({
  ...LogEnv,
  ...KafkaEnv,
  ...DatabaseEnv,
  ...HttpEnv,
  HTTP_PORT: Type.Integer({ default: 7500, minimum: 0, maximum: 65535 }),
  /** The console's own schema: its audit trail (who saw, unmasked and redrove what). */
  OPS_CONSOLE_SCHEMA: Type.String({ default: 'ops_console', pattern: '^[a-z_][a-z0-9_]*$' }),
  /**
   * Who may sign in: `operator-id:token` pairs, comma-separated; a token is at least 24 characters
   * (e.g. `openssl rand -hex 24`). Empty: nobody signs in with a token (certificates only).
   */
  OPS_CONSOLE_OPERATOR_TOKENS: Type.String({
    default: '',
    pattern: '^$|^[a-z0-9][a-z0-9._-]*:[A-Za-z0-9_-]{24,}(,[a-z0-9][a-z0-9._-]*:[A-Za-z0-9_-]{24,})*$',
  }),
  /**
   * Certificate names (CN, development CA) signed in by mutual TLS without a token: a browser or
   * curl presenting `operator.pem` is the operator `operator`. Comma-separated; empty: none.
   */
  OPS_CONSOLE_OPERATOR_CERTS: Type.String({
    default: 'operator',
    pattern: '^$|^[a-z0-9._-]+(,[a-z0-9._-]+)*$',
  }),
  /** How long a session lasts after sign-in, in minutes. */
  OPS_CONSOLE_SESSION_MINUTES: Type.Integer({ default: 480, minimum: 1, maximum: 10_080 }),
  /** The fact registry's REST base URL (discrepancies; its schema is read for lineage). */
  FACT_REGISTRY_URL: Type.String({ default: 'https://127.0.0.1:7200' }),
  /** The fact registry's schema (lineage reads fact_history, current_facts, disclosure_log). */
  FACT_REGISTRY_SCHEMA: Type.String({ default: 'fact_registry', pattern: '^[a-z_][a-z0-9_]*$' }),
  /** One-stop's schema (a dossier's trace reads its dossiers, history and outbox). */
  ONE_STOP_SCHEMA: Type.String({ default: 'one_stop', pattern: '^[a-z_][a-z0-9_]*$' }),
  /**
   * The adapters whose breakers and quarantine the console shows: `name=https://host:port`,
   * comma-separated (their REST base URLs; mutual TLS as `ops-console`).
   */
  OPS_CONSOLE_ADAPTERS: Type.String({
    default: 'population-adapter=https://127.0.0.1:7100,military-personnel-adapter=https://127.0.0.1:7400',
  }),
  /** The schemas whose audit chains the audit page verifies, comma-separated (the console's own is added). */
  OPS_CONSOLE_AUDIT_SCHEMAS: Type.String({ default: 'fact_registry,population_adapter,one_stop' }),
  /** How often consumer lag is sampled for the chart (kept in memory for an hour), in milliseconds. */
  OPS_CONSOLE_LAG_SAMPLE_MS: Type.Integer({ default: 15_000, minimum: 500, maximum: 600_000 }),
  /** Folder with ca.pem and ops-console.pem / -key.pem (infra/certs/generate.sh makes them). */
  MTLS_CERT_DIR: Type.String({ default: `${REPO_ROOT}infra/certs/.certs` }),
  ACCESS_POLICY_FILE: Type.String({ default: `${REPO_ROOT}infra/policies/access-policy.json` }),
});

export type Config = Static<typeof ConfigSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}

/** `a:x,b:y` → [[a, x], [b, y]] (the format checked by the schema). */
export function pairs(text: string, separator: string): [string, string][] {
  return text
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(separator);
      return [pair.slice(0, at), pair.slice(at + 1)];
    });
}
