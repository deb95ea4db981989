import type { SourceAdapter } from '@motlan/adapter-kit';
import { mapRecord, POPULATION_FACT_TYPES } from './domain/map-record.ts';
import type { NpdbRecord } from './domain/npdb-record.ts';
import type { UpstreamClient } from '@motlan/adapter-kit';

export const SOURCE_SYSTEM = 'national-population-db';

/** The population adapter, as the adapter kit's contract describes it. */
export function populationAdapter(
  client: UpstreamClient<NpdbRecord>,
  version: string,
): SourceAdapter<NpdbRecord> {
  return {
    id: 'population-adapter',
    version,
    sourceSystem: SOURCE_SYSTEM,
    factTypes: POPULATION_FACT_TYPES,
    client,
    toFacts: mapRecord,
    subjectOf: (record) => record.SoDinhDanh,
    versionOf: (record) => String(record.PhienBan),
    referenceOf: (record) => `NPDB/${record.SoDinhDanh}`,
  };
}
