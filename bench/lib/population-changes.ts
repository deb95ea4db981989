/**
 * Facts as the population adapter publishes them (packages/adapter-kit's `stampFacts`): one upstream
 * record of the national population database per citizen, whose every version carries the record's
 * facts with the same provenance — source `national-population-db`, authoritative, record
 * `NPDB/<personal ID>`, the record version, when it was observed — and ids derived from source,
 * subject, type and version. A later version of one record supersedes an earlier one in the
 * registry by that version (services/fact-registry/src/domain/supersession.ts), whatever the clocks.
 */
import { CommonErrors, MotlanError } from '@motlan/errors';
import { stampFacts, type SourceAdapter } from '@motlan/adapter-kit';
import type { Fact__Output } from '@motlan/proto';
import { citizenId, factValue, type CitizenBlock } from './synthetic-facts.ts';

/** The population database as the population adapter names it in provenance. */
export const POPULATION_SOURCE = 'national-population-db';

/** One version of one citizen's record upstream, reduced to the facts a bench publishes. */
export interface PopulationRecord {
  personalId: string;
  /** The record's version upstream: 1, 2, 3, ... */
  version: number;
  /** The types to publish and their values. */
  facts: { type: string; value: unknown }[];
}

const notUpstream = (): never => {
  throw new MotlanError(CommonErrors.internal, 'the bench stamps records; it calls no upstream');
};

/** The population adapter's stamping (services/population-adapter: reference and version) over bench records. */
const populationRecords: SourceAdapter<PopulationRecord> = {
  id: 'population-adapter',
  version: 'bench',
  sourceSystem: POPULATION_SOURCE,
  factTypes: ['identity.full_name', 'residence.permanent'],
  client: { fetchRecord: notUpstream, changesSince: notUpstream, exportPage: notUpstream },
  toFacts: (record) => record.facts,
  subjectOf: (record) => record.personalId,
  versionOf: (record) => String(record.version),
  referenceOf: (record) => `NPDB/${record.personalId}`,
};

/** A record's facts stamped as the adapter stamps them, observed at `observedAt` (RFC 3339). */
export function stampRecord(record: PopulationRecord, observedAt: string): Fact__Output[] {
  return stampFacts(populationRecords, record, observedAt);
}

/**
 * Where the `n`-th citizen of a block lives in version `version` of their record: a catalog-valid
 * address that differs from the one of every other version of the same record (the house number
 * is the version), so each new version is a change of value.
 */
export function addressInVersion(n: number, version: number): unknown {
  return { ...(factValue('residence.permanent', n) as object), detail: `Số ${version} phố Bench` };
}

/**
 * The first version of the `n`-th citizen's record: a name (what makes the citizen known to the
 * registry) and a permanent address.
 */
export function firstRecord(block: CitizenBlock, n: number): PopulationRecord {
  return {
    personalId: citizenId(block, n),
    version: 1,
    facts: [
      { type: 'identity.full_name', value: factValue('identity.full_name', n) },
      { type: 'residence.permanent', value: addressInVersion(n, 1) },
    ],
  };
}

/**
 * Change `index` of a drive over `citizens` citizens (round robin): a new version of citizen
 * `index % citizens`'s record (version 2 for the first round, 3 for the next, ...) whose permanent
 * address changed — the fact a move makes the adapter publish.
 */
export function moveOf(
  block: CitizenBlock,
  citizens: number,
  index: number,
): PopulationRecord & { citizen: number } {
  const citizen = index % citizens;
  const version = 2 + Math.floor(index / citizens);
  return {
    citizen,
    personalId: citizenId(block, citizen),
    version,
    facts: [{ type: 'residence.permanent', value: addressInVersion(citizen, version) }],
  };
}
