/**
 * Starts a generated adapter and its simulator the way `pnpm start` does — from their entries in
 * the service list (`@motlan/mesh`: environment derived from ports, readiness, start order, change
 * feeds on), then its initial-sync job — on free ports, fresh schemas and topics of its own; reads
 * one person's facts over mutual TLS as `dev-client`, prints a JSON summary, stops everything.
 * Run by create-adapter.int.test.ts inside the repository copy it scaffolded:
 * `tsx --conditions=@motlan/source infra/scaffold/test/start-generated.ts <name>`; exit 0 when all went well.
 */
import {
  freePorts,
  jobEnv,
  meshJobs,
  readyUrlOf,
  serviceEnv,
  serviceNamed,
  spawnServiceProcess,
  startServiceProcess,
  startWaves,
  type MeshSettings,
  type ServiceProcess,
} from '@motlan/mesh';
import { KafkaTestClient } from '@motlan/kafka';
import { clientTls, devCertificates, httpsJson, TestResources, uniqueName } from '@motlan/testkit';

const name = process.argv[2];
if (!name) {
  console.error('usage: start-generated.ts <name>');
  process.exit(2);
}
const simulator = serviceNamed(`${name}-db`);
const adapter = serviceNamed(`${name}-adapter`);
const names = [simulator.name, adapter.name];
const resources = new TestResources();
const started: ServiceProcess[] = [];
try {
  const topicPrefix = `${KafkaTestClient.topicPrefix}${uniqueName('scaffold-start')}.`;
  await resources.declaredTopics(topicPrefix);
  const schemas: Record<string, string> = {};
  for (const service of [simulator, adapter]) {
    schemas[service.name] = (await resources.schema(undefined, service.name.replace(/-/g, '_'))).name;
  }
  const settings: MeshSettings = {
    ports: await freePorts(names),
    databaseUrl: resources.databaseUrl,
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '',
    topicPrefix,
    certDir: devCertificates(),
    logLevel: 'warn',
    schemas,
  };
  const tls = clientTls();
  for (const wave of startWaves(names)) {
    for (const service of wave) {
      started.push(
        await startServiceProcess({
          entry: `${service.program.folder}/${service.program.entry}`,
          env: serviceEnv(service, settings),
          readyUrl: readyUrlOf(service, settings),
          tls: { ca: tls.ca },
          timeoutMs: 120_000,
        }),
      );
    }
  }

  const job = meshJobs.find((one) => one.program.folder === adapter.program.folder);
  if (!job) throw new Error(`no initial-sync job for ${adapter.name} in the service list`);
  const sync = spawnServiceProcess({
    name: job.name,
    program: job.program,
    env: { ...jobEnv(job, settings), [adapter.schemaVariable]: schemas[adapter.name]! },
  });
  const syncExit = await sync.exited;

  const simulatorUrl = `http://127.0.0.1:${settings.ports[simulator.name]!.http}`;
  const page = (await (
    await fetch(`${simulatorUrl}/api/v1/records?limit=1`, { headers: { 'x-api-key': 'motlan-dev-key' } })
  ).json()) as { records: { personalId: string }[] };
  const personalId = page.records[0]!.personalId;
  const facts = await httpsJson(
    `https://127.0.0.1:${settings.ports[adapter.name]!.http}/v1/subjects/${personalId}/facts?types=identity.full_name&purpose=1.001234`,
    { tls: clientTls('dev-client') },
  );
  console.log(
    JSON.stringify({
      started: names,
      syncExitCode: syncExit.code,
      factsStatus: facts.status,
      facts: facts.body,
    }),
  );
  process.exitCode = syncExit.code === 0 && facts.status === 200 ? 0 : 1;
} finally {
  await Promise.all(started.map((service) => service.stop()));
  await resources.cleanup();
}
