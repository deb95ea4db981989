/**
 * pnpm adapter:conformance <adapter> — certifies an adapter and its upstream (see --help).
 * Exit codes: 0 every check passed; 1 a check failed; 2 the run could not start (usage, descriptor).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { isMotlanError } from '@motlan/errors';
import { createLogger } from '@motlan/logger';
import { loadAdapter } from './load-descriptor.ts';
import { failedChecks, renderReport, writeJunit } from './report.ts';
import { runConformance, SUITES, type SuiteName } from './runner.ts';

const HELP = `Usage: pnpm adapter:conformance <adapter> [options]

Certifies a source adapter and its upstream, in the manner of Airbyte's connector acceptance
tests and the Singer SDK's standard tests. <adapter> is a folder under services/ (e.g.
population-adapter) or a path to an adapter's folder; the folder declares what the suite needs
to know in conformance.ts (see packages/adapter-conformance/README.md).

The command starts what it needs: Kafka and PostgreSQL from KAFKA_BROKERS / DATABASE_URL, else
the local stack (infra/kafka, infra/postgres; stopped again at the end unless MOTLAN_KEEP_STACK=1);
fresh topics under test.conformance-*, fresh schemas, the adapter's simulators and the adapter
itself on free ports, with an access policy of its own. It removes them at the end.

Suites (in the order they run):
  contract       every declared fact type exists in the catalog; the running adapter serves them
                 and names itself; every value it produced validates
  compatibility  against the released contract snapshot (conformance/released-contract.json):
                 a removed fact type or a changed value schema is breaking
  full-resync    the bulk sync run twice publishes the same fact ids and event ids
  connection     valid upstream credentials: fresh facts; invalid ones (credentials.invalid):
                 a non-retryable typed error within the deadline
  basic-read     facts for the golden subjects equal conformance/golden-facts.json
  access         a granted read answered and audited on access.audit.v1; a purpose outside the
                 policy PERMISSION_DENIED and audited
  incremental    a replayed change-feed page publishes the same event ids; after a restart the
                 feed resumes from its cursor; a cursor from the future neither crashes the
                 adapter nor publishes anything
  faults         a bad upstream record is quarantined and the feed goes on; a slow upstream
                 never holds a read past its deadline; an outage opens the breaker and known
                 subjects get stale answers with their age; recovery on its own
  provenance     provenance complete on every fact answered or published during the run
full-resync and basic-read run whenever a live suite is selected (they find the subjects).

Options:
  --only <suites>     comma-separated suites to run (default: all). Only contract and
                      compatibility: no process is started, the files alone are checked
  --junit <file>      where to write the JUnit XML (default: <adapter>/.runtime/conformance/junit.xml)
  --update-golden     write the golden facts from what the adapter answers (first 5 synced
                      subjects when the file has none) instead of comparing; review the diff
  --update-contract   write the released contract snapshot from the current contract (do it
                      when releasing a version) instead of comparing
  -h, --help          this text

Exit status: 0 every check passed, 1 a check failed, 2 the run could not start.`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: commandLineArgs(),
      allowPositionals: true,
      options: {
        only: { type: 'string' },
        junit: { type: 'string' },
        'update-golden': { type: 'boolean', default: false },
        'update-contract': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Name one adapter.\n\n${HELP}`);
    return 2;
  }
  const suites = values.only ? values.only.split(',').map((suite) => suite.trim()) : [...SUITES];
  const unknown = suites.filter((suite) => !(SUITES as readonly string[]).includes(suite));
  if (unknown.length > 0) {
    console.error(`Unknown suite: ${unknown.join(', ')} (suites: ${SUITES.join(', ')})`);
    return 2;
  }
  const target = await loadAdapter(positionals[0]!);
  const logger = createLogger({ name: 'adapter-conformance', level: process.env['LOG_LEVEL'] ?? 'warn' });
  const report = await runConformance(target, {
    suites: new Set(suites as SuiteName[]),
    updateGolden: values['update-golden'],
    updateContract: values['update-contract'],
    logger,
  });
  const junit = values.junit
    ? resolve(process.env['INIT_CWD'] ?? process.cwd(), values.junit)
    : join(target.dir, '.runtime', 'conformance', 'junit.xml');
  writeJunit(report, junit);
  console.log(renderReport(report, process.stdout.isTTY));
  console.log(`JUnit XML: ${junit}`);
  return failedChecks(report).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isMotlanError(error) ? `${error.code}: ${error.message}` : error);
    process.exit(2);
  },
);
