import { join, relative } from 'node:path';
import { repoRoot } from '../harness/environment.ts';
import { compareContracts, currentContract, parseContract } from '../checks/compatibility.ts';
import { DEFAULT_CONTRACT_FILE } from '../descriptor.ts';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { check, expectThat, type RunContext } from '../run-context.ts';

/**
 * The adapter's contract against its previous release's snapshot: a removed fact type or a
 * changed value schema is breaking; an added type is not. `--update-contract` takes a new
 * snapshot (at release time).
 */
export async function releasedContract(context: RunContext): Promise<void> {
  await check(
    context,
    'compatibility',
    'released-contract',
    "no breaking change against the previous release's contract",
    async () => {
      const file = join(context.adapterDir, context.descriptor.contractFile ?? DEFAULT_CONTRACT_FILE);
      const current = currentContract(
        context.descriptor.adapter,
        context.adapterVersion,
        context.descriptor.factTypes,
      );
      if (context.options.updateContract) {
        writeJsonFile(file, current);
        return `snapshot of ${current.adapter}@${current.version} written to ${relative(repoRoot(), file)}`;
      }
      const json = readJsonFile(file);
      expectThat(
        json !== undefined,
        `no released contract at ${relative(repoRoot(), file)}: take one with --update-contract at release`,
      );
      const released = parseContract(json, file);
      const { breaking, compatible } = compareContracts(released, current);
      expectThat(
        breaking.length === 0,
        `breaking against ${released.adapter}@${released.version}:\n${breaking.join('\n')}`,
      );
      return [
        `compatible with ${released.adapter}@${released.version} (${Object.keys(released.factTypes).length} types)`,
        ...compatible,
      ].join('\n');
    },
  );
}
