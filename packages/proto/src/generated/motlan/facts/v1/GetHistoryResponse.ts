// Original file: protos/motlan/facts/v1/fact_registry.proto

import type { HistoricalFact as _motlan_facts_v1_HistoricalFact, HistoricalFact__Output as _motlan_facts_v1_HistoricalFact__Output } from '../../../motlan/facts/v1/HistoricalFact.ts';

export interface GetHistoryResponse {
  'versions'?: (_motlan_facts_v1_HistoricalFact)[];
}

export interface GetHistoryResponse__Output {
  'versions': (_motlan_facts_v1_HistoricalFact__Output)[];
}
