/**
 * `pnpm create-adapter <name>`: a working source adapter and a simulator of its upstream, wired
 * into the mesh (scaffold.ts says what is written; templates/ holds it). Exit codes: 0 written,
 * 1 written but a follow-up step failed (the message names it and how to finish), 2 refused (bad
 * arguments, a malformed or taken name: nothing changed).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MotlanError } from '@motlan/errors';
import { planAdapter, writePlan } from './scaffold.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const USAGE = `Usage: pnpm create-adapter <name> [--no-install]

Writes a working source adapter for the upstream <name> (kebab-case, e.g. land-registry):
  services/<name>-adapter/         the adapter on @motlan/adapter-kit: contract, upstream client,
                                   mapping, config, main, bulk sync, tests, conformance descriptor,
                                   README (the integrator's guide)
  infra/simulators/<name>-db/      a simulator of its upstream on @motlan/simulator-kit
and its entries in packages/mesh/src/services.ts (pnpm start runs both), the Kafka grants
(packages/kafka/src/topic-access.ts), the certificate names (infra/certs/generate.sh) and the
access policy (infra/policies/access-policy.json). Then: prettier on what it wrote, pnpm install
(links the new packages), pnpm errors:doc, the certificate.

  --no-install   write and format only; run pnpm install, pnpm errors:doc and
                 bash infra/certs/generate.sh yourself
  -h, --help     this text

Exit codes: 0 written; 1 written, but a follow-up step failed (named); 2 refused, nothing changed.

Next: pnpm adapter:conformance <name>-adapter --update-golden --update-contract (once), then
pnpm adapter:conformance <name>-adapter, and pnpm start.`;

function parse(): { name: string; install: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, 'no-install': { type: 'boolean' } },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (positionals.length !== 1) {
      console.error(`create-adapter: give exactly one name (got ${positionals.length})\n\n${USAGE}`);
      return undefined;
    }
    return { name: positionals[0]!, install: !values['no-install'] };
  } catch (error) {
    console.error(`create-adapter: ${(error as Error).message}\n\n${USAGE}`);
    return undefined;
  }
}

function run(step: string, command: string, args: readonly string[]): boolean {
  console.log(`create-adapter: ${step}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status === 0) return true;
  console.error(`create-adapter: "${command} ${args.join(' ')}" failed (${result.status ?? result.signal})`);
  return false;
}

const args = parse();
if (!args) process.exit(2);

let plan;
try {
  plan = planAdapter(ROOT, args.name);
} catch (error) {
  if (error instanceof MotlanError) {
    console.error(`create-adapter: ${error.message}. Nothing was written.`);
    process.exit(2);
  }
  throw error;
}
writePlan(ROOT, plan);
const { name } = plan.names;
console.log(
  `create-adapter: wrote services/${name}-adapter (ports ${plan.ports.httpPort}/${plan.ports.grpcPort}) and ` +
    `infra/simulators/${name}-db (port ${plan.ports.simPort}), and their entries in ${plan.edits.map((edit) => edit.path).join(', ')}`,
);

const written = [...plan.files, ...plan.edits]
  .map((file) => file.path)
  .filter((path) => /\.(ts|json|md)$/.test(path));
const steps: [string, string, string[]][] = [
  ['formatting', 'pnpm', ['exec', 'prettier', '--log-level', 'warn', '--write', ...written]],
];
if (args.install) {
  steps.push(
    // Only workspace packages are new: nothing to fetch, no install scripts to run again. The
    // lockfile gains the two packages, which pnpm refuses by default where CI=true is set.
    [
      'linking the new packages',
      'pnpm',
      ['install', '--no-frozen-lockfile', '--prefer-offline', '--ignore-scripts', '--reporter', 'silent'],
    ],
    ["documenting the simulator's error codes", 'pnpm', ['--silent', 'errors:doc']],
    [`the certificate of ${name}-adapter`, 'bash', ['infra/certs/generate.sh']],
  );
}
for (const [step, command, commandArgs] of steps) {
  if (!run(step, command, commandArgs)) {
    console.error(
      `create-adapter: the files are written; finish by hand from "${step}" on ` +
        '(pnpm install, pnpm errors:doc, bash infra/certs/generate.sh).',
    );
    process.exit(1);
  }
}
console.log(`
Done. Next:
  pnpm adapter:conformance ${name}-adapter --update-golden --update-contract   # once; review and commit conformance/*.json
  pnpm adapter:conformance ${name}-adapter                                     # certify
  pnpm start                                                                   # the mesh, with ${name}-adapter and ${name}-db
The integrator's guide: services/${name}-adapter/README.md`);
