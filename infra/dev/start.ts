/**
 * `pnpm start`: the whole mesh on one machine. Real Kafka and PostgreSQL (from the environment,
 * or started by infra/ scripts), the declared topics, then every service in infra/dev/services.ts
 * with its logs prefixed. Prints the URLs; Ctrl-C (or SIGTERM) stops everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { createLogger } from '@motlan/logger';
import { createKafka, KAFKA_ADMIN_IDENTITY, provisionKafka } from '@motlan/kafka';
import { provisionStack, REPO_ROOT } from '@motlan/local-stack';
import { jobs, services } from './services.ts';

if (process.argv.includes('--help')) {
  console.log(`Usage: pnpm start
Starts Kafka and PostgreSQL (unless KAFKA_BROKERS / DATABASE_URL are set), creates the topics and
their ACLs,
starts every service with demo data and prints their URLs. Ctrl-C stops everything cleanly.`);
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
// certificate per service and client.
const devCa = readFileSync(`${REPO_ROOT}infra/certs/.certs/ca.pem`);

const children: ChildProcess[] = [];
// Services log warnings and errors unless LOG_LEVEL asks for more.
const serviceEnv = {
  ...process.env,
  LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
  KAFKA_BROKERS: stack.kafkaBrokers,
  DATABASE_URL: stack.databaseUrl,
};
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nMotlan: stopping services ...');
    await Promise.all(children.map((child) => stopChild(child)));
    console.log('Motlan: stopping Kafka and PostgreSQL (if started here) ...');
    await stack.stop();
    console.log('Motlan: stopped.');
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

for (const service of services) {
  const child = spawn(process.execPath, ['--import', 'tsx', service.entry], {
    cwd: REPO_ROOT,
    env: { ...serviceEnv, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  prefixLines(child, service.name);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${service.name}] exited (${signal ?? code}); stopping the mesh`);
      void stopAll(1);
    }
  });
  if (service.readyUrl) await waitForHttp(service.readyUrl, 120_000, service.name);
}

console.log('\nMotlan is up.');
console.log(`  Kafka        ${stack.kafkaBrokers} (${stack.origin.kafka})`);
console.log(`  PostgreSQL   ${stack.databaseUrl} (${stack.origin.postgres})`);
for (const service of services) {
  for (const [label, url] of Object.entries(service.urls))
    console.log(`  ${`${service.name} ${label}`.padEnd(40)} ${url}`);
}
console.log('\nPress Ctrl-C to stop.');

for (const job of jobs) {
  const child = spawn(process.execPath, ['--import', 'tsx', job.entry, ...job.args], {
    cwd: REPO_ROOT,
    env: { ...serviceEnv, ...job.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  prefixLines(child, job.name);
}

function prefixLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForHttp(url: string, timeoutMs: number, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await answersOk(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  console.error(`[${name}] not ready after ${timeoutMs} ms`);
  await stopAll(1);
}

/** 200 from an http or https (development CA) URL; false while not listening. */
async function answersOk(url: string): Promise<boolean> {
  if (url.startsWith('http:'))
    return fetch(url).then(
      (response) => response.ok,
      () => false,
    );
  return new Promise((resolve) => {
    get(url, { ca: devCa }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}
