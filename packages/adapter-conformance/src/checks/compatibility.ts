import { canonicalJson, factType, isKnownFactType } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import { ConformanceErrors } from '../errors.ts';

/**
 * An adapter's contract as its consumers see it: the fact types it provides and the JSON schema
 * of each value (from the catalog). Snapshotted at each release (`--update-contract`) in the
 * adapter's folder; the next version is compared with it.
 */
export interface ContractSnapshot {
  adapter: string;
  /** The adapter's version (its package.json) when the snapshot was taken. */
  version: string;
  factTypes: Record<string, { schema: unknown }>;
}

export interface ContractComparison {
  /** Changes that break a consumer of the released contract: a removed type, a changed value schema. */
  breaking: string[];
  /** Changes a consumer can ignore: a type added. */
  compatible: string[];
}

/** The contract the adapter declares now. Types the catalog does not know are left out (the catalog check reports them). */
export function currentContract(
  adapter: string,
  version: string,
  factTypes: readonly string[],
): ContractSnapshot {
  const known = [...factTypes].filter(isKnownFactType).sort();
  return {
    adapter,
    version,
    // Through JSON: what a consumer sees of the schema (no symbols, no undefined).
    factTypes: Object.fromEntries(
      known.map((type) => [type, { schema: JSON.parse(JSON.stringify(factType(type).schema)) as unknown }]),
    ),
  };
}

export function parseContract(json: unknown, file: string): ContractSnapshot {
  const snapshot = json as Partial<ContractSnapshot> | null;
  const valid =
    typeof snapshot?.adapter === 'string' &&
    typeof snapshot.version === 'string' &&
    typeof snapshot.factTypes === 'object' &&
    snapshot.factTypes !== null &&
    Object.values(snapshot.factTypes).every(
      (entry) => typeof entry === 'object' && entry !== null && 'schema' in entry,
    );
  if (!valid) {
    throw new MotlanError(
      ConformanceErrors.fileInvalid,
      `${file}: expected { "adapter", "version", "factTypes": { <type>: { "schema": <JSON schema> } } }`,
    );
  }
  return snapshot as ContractSnapshot;
}

/** Compares the released contract with the current one, the way a consumer of the released one is affected. */
export function compareContracts(released: ContractSnapshot, current: ContractSnapshot): ContractComparison {
  const breaking: string[] = [];
  const compatible: string[] = [];
  for (const [type, { schema }] of Object.entries(released.factTypes)) {
    const now = current.factTypes[type];
    if (now === undefined) breaking.push(`${type}: removed (released in ${released.version})`);
    else if (canonicalJson(now.schema) !== canonicalJson(schema))
      breaking.push(`${type}: value schema changed since ${released.version}`);
  }
  for (const type of Object.keys(current.factTypes)) {
    if (!(type in released.factTypes)) compatible.push(`${type}: added`);
  }
  return { breaking, compatible };
}
