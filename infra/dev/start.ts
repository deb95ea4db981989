/**
 * `pnpm start`: the whole mesh on one machine. Real Kafka and PostgreSQL (from the environment,
 * or started by infra/ scripts), the declared topics, then every service of the mesh's one list
 * (`@motlan/mesh`, packages/mesh/src/services.ts) in its start order, each supervised: its output
 * prefixed here and appended to `.runtime/logs/<service>.log`; when one exits unexpectedly it is
 * restarted with backoff and everything else stays up. Prints the URLs; Ctrl-C (or SIGTERM)
 * stops everything it started.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createLogger } from '@motlan/logger';
import { createKafka, KAFKA_ADMIN_IDENTITY, provisionKafka } from '@motlan/kafka';
import { provisionStack, REPO_ROOT } from '@motlan/local-stack';
import {
  describeExit,
  devPorts,
  jobEnv,
  meshJobs,
  meshServices,
  readyUrlOf,
  serviceEnv,
  spawnServiceProcess,
  startServiceProcess,
  startWaves,
  supervise,
  urlsOf,
  type MeshService,
  type MeshSettings,
  type ServiceProcess,
  type Supervised,
} from '@motlan/mesh';

if (process.argv.includes('--help')) {
  console.log(`Usage: pnpm start
Starts Kafka and PostgreSQL (unless KAFKA_BROKERS / DATABASE_URL are set), creates the topics and
their ACLs, starts every service with demo data and prints their URLs. A service that exits is
restarted with backoff (1 s, 2 s, 4 s ... at most 30 s; given up on after 5 fast failures in a
row); logs in .runtime/logs/. Ctrl-C stops everything cleanly.`);
  process.exit(0);
}

const logger = createLogger({ name: 'start', level: process.env['LOG_LEVEL'] ?? 'info' });
console.log('Motlan: bringing up Kafka and PostgreSQL ...');
const stack = await provisionStack(logger);
// The admin step: the declared topics and who may use them (each service as its own principal).
const kafka = createKafka({
  config: stack.kafka,
  identity: KAFKA_ADMIN_IDENTITY,
  clientId: 'motlan-start',
  logger,
});
const provisioned = await provisionKafka(kafka, stack.kafka);
if (provisioned.created.length > 0) console.log(`Created topics: ${provisioned.created.join(', ')}`);
console.log(`Kafka: ${provisioned.acls}`);
// Services talk mutual TLS (gRPC, REST and Kafka): provisionStack made the development CA and a
// certificate per service and client; readiness is asked over https trusting that CA.
const tls = { ca: readFileSync(`${REPO_ROOT}infra/certs/.certs/ca.pem`) };

const settings: MeshSettings = {
  ports: devPorts(),
  databaseUrl: stack.databaseUrl,
  kafkaBrokers: stack.kafkaBrokers,
  // Services log warnings and errors unless LOG_LEVEL asks for more.
  logLevel: process.env['LOG_LEVEL'] ?? 'warn',
};
const logDir = `${REPO_ROOT}.runtime/logs`;
mkdirSync(logDir, { recursive: true });
const logFileOf = (name: string) => `${logDir}/${name.replace(/\s+/g, '-')}.log`;
const printLines = (name: string) => (line: string) => process.stdout.write(`[${name}] ${line}\n`);

const supervised: Supervised[] = [];
const jobs: ServiceProcess[] = [];
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nMotlan: stopping services ...');
    await Promise.all([...supervised.map((one) => one.stop(15_000)), ...jobs.map((job) => job.stop(15_000))]);
    console.log('Motlan: stopping Kafka and PostgreSQL (if started here) ...');
    await stack.stop();
    console.log('Motlan: stopped.');
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Starts a service under supervision; resolves whether it became ready at all. */
function superviseService(service: MeshService): Promise<boolean> {
  const logFile = logFileOf(service.name);
  writeFileSync(logFile, '');
  const one = supervise({
    name: service.name,
    start: () =>
      startServiceProcess({
        name: service.name,
        program: service.program,
        env: serviceEnv(service, settings),
        readyUrl: readyUrlOf(service, settings),
        tls,
        timeoutMs: 120_000,
        logFile,
        onLine: printLines(service.name),
      }),
    report: (message) => console.error(`Motlan: ${message}`),
  });
  supervised.push(one);
  return one.firstReady;
}

const down = new Set<string>();
for (const wave of startWaves(meshServices.map((service) => service.name))) {
  await Promise.all(
    wave.map(async (service) => {
      if (stopping) return;
      if (!(await superviseService(service)) && !stopping) down.add(service.name);
    }),
  );
}
// Ctrl-C during start-up: stopAll is already stopping everything and exits.
if (stopping) await new Promise(() => undefined);

console.log(down.size === 0 ? '\nMotlan is up.' : `\nMotlan is up, without: ${[...down].join(', ')}.`);
console.log(`  Kafka        ${stack.kafkaBrokers} (${stack.origin.kafka})`);
console.log(`  PostgreSQL   ${stack.databaseUrl} (${stack.origin.postgres})`);
for (const service of meshServices) {
  if (down.has(service.name)) continue;
  for (const [label, url] of Object.entries(urlsOf(service, settings)))
    console.log(`  ${`${service.label} ${label}`.padEnd(40)} ${url}`);
}
console.log(`  ${'logs'.padEnd(40)} ${logDir}/<service>.log`);
console.log('\nPress Ctrl-C to stop.');

for (const job of meshJobs) {
  const missing = job.after.filter((name) => down.has(name));
  if (missing.length > 0) {
    console.error(`Motlan: not running ${job.name}: ${missing.join(', ')} did not start`);
    continue;
  }
  writeFileSync(logFileOf(job.name), '');
  const run = spawnServiceProcess({
    name: job.name,
    program: job.program,
    env: jobEnv(job, settings),
    logFile: logFileOf(job.name),
    onLine: printLines(job.name),
  });
  jobs.push(run);
  void run.exited.then((exit) => {
    if (exit.requested) return;
    if (exit.code === 0) console.log(`Motlan: ${job.name} done`);
    else console.error(`Motlan: ${describeExit(job.name, exit)} (log: ${run.logFile})`);
  });
}
