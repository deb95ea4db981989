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
/** `name` or `name=CODE|CODE|PREFIX*`, as OfficerGrants.parse reads it. */
const OFFICER_GRANT = '[A-Za-z0-9._-]+(=[A-Za-z0-9._-]+\\*?(\\|[A-Za-z0-9._-]+\\*?)*)?';

export const ConfigSchema = Type.Object({
  ...LogEnv,
  ...KafkaEnv,
  ...DatabaseEnv,
  ...HttpEnv,
  ...GrpcEnv,
  HTTP_PORT: Type.Integer({ default: 7300, minimum: 0, maximum: 65535 }),
  GRPC_PORT: Type.Integer({ default: 7301, minimum: 0, maximum: 65535 }),
  ONE_STOP_SCHEMA: Type.String({ default: 'one_stop', pattern: '^[a-z_][a-z0-9_]*$' }),
  /** The population adapter's gRPC address (VerifyCitizen). */
  POPULATION_ADAPTER_GRPC: Type.String({ default: '127.0.0.1:7101', pattern: '^[^:\\s]+:\\d+$' }),
  /** The fact registry's gRPC address (GetFacts; typed-in facts go through the outbox, not DeclareFacts). */
  FACT_REGISTRY_GRPC: Type.String({ default: '127.0.0.1:7201', pattern: '^[^:\\s]+:\\d+$' }),
  /** Deadline of each call to the mesh. */
  MESH_DEADLINE_MS: Type.Integer({ default: 3_000, minimum: 100 }),
  /** Folder with ca.pem and one-stop.pem / -key.pem (infra/certs/generate.sh makes them). */
  MTLS_CERT_DIR: Type.String({ default: `${REPO_ROOT}infra/certs/.certs` }),
  /** Source system of result facts (the handling units' authority). */
  RESULT_SOURCE_SYSTEM: Type.String({ default: 'commune-military-command', minLength: 1 }),
  /**
   * The handling units' systems, comma-separated, by certificate name (CN): only they may take
   * officer actions (start-processing, request-supplement, resolve, reject). `name` acts for every
   * unit; `name=CODE|PREFIX*` only for dossiers of those unit codes (domain/officer-grants.ts).
   */
  ONE_STOP_OFFICER_CLIENTS: Type.String({
    default: 'commune-officer',
    pattern: `^\\s*${OFFICER_GRANT}(\\s*,\\s*${OFFICER_GRANT})*\\s*$`,
  }),
  /**
   * The citizen portals, comma-separated, by certificate name (CN): only they call the applicant's
   * routes (prefill, submit, supplement, withdraw, rating) and read dossiers, each time for the
   * applicant they name in X-Applicant-Id (http/caller.ts).
   */
  ONE_STOP_PORTAL_CLIENTS: Type.String({
    default: 'citizen-portal',
    pattern: '^\\s*[A-Za-z0-9._-]+(\\s*,\\s*[A-Za-z0-9._-]+)*\\s*$',
  }),
  /** Which fact values each client may be shown, per procedure code (as the registry reads it). */
  ACCESS_POLICY_FILE: Type.String({ default: `${REPO_ROOT}infra/policies/access-policy.json` }),
  /** Outbox relay polling when idle (commits wake it at once). */
  OUTBOX_RELAY_INTERVAL_MS: Type.Integer({ default: 200, minimum: 10 }),
  /**
   * Subscribe at the fact registry to residence changes (purpose 1.004224) and open the move-out
   * and move-in registrations of a notified move (`false`: neither).
   */
  ONE_STOP_MOVES_ENABLED: Type.Boolean({ default: true }),
  /**
   * The moves consumer's group; absent: `one-stop-moves` under KAFKA_TOPIC_PREFIX (the broker
   * grants one-stop the groups starting with `<prefix>one-stop`).
   */
  ONE_STOP_MOVES_GROUP: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]+$' })),
  /** `false` leaves events in the outbox (a second instance, or a crash drill, relays them). */
  OUTBOX_RELAY_ENABLED: Type.Boolean({ default: true }),
});

export type Config = Static<typeof ConfigSchema>;

/** The portal clients' certificate names, as ONE_STOP_PORTAL_CLIENTS lists them. */
export function portalClients(config: Config): string[] {
  return config.ONE_STOP_PORTAL_CLIENTS.split(',').map((name) => name.trim());
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
