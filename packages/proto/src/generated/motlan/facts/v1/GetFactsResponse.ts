// Original file: protos/motlan/facts/v1/fact_registry.proto

import type { CurrentFact as _motlan_facts_v1_CurrentFact, CurrentFact__Output as _motlan_facts_v1_CurrentFact__Output } from '../../../motlan/facts/v1/CurrentFact.ts';

export interface GetFactsResponse {
  'facts'?: (_motlan_facts_v1_CurrentFact)[];
  'missing'?: (string)[];
}

export interface GetFactsResponse__Output {
  'facts': (_motlan_facts_v1_CurrentFact__Output)[];
  'missing': (string)[];
}
