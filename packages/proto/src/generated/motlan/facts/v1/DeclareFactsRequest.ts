// Original file: protos/motlan/facts/v1/fact_registry.proto

import type { DeclaredFact as _motlan_facts_v1_DeclaredFact, DeclaredFact__Output as _motlan_facts_v1_DeclaredFact__Output } from '../../../motlan/facts/v1/DeclaredFact.ts';

export interface DeclareFactsRequest {
  'personalId'?: (string);
  'facts'?: (_motlan_facts_v1_DeclaredFact)[];
  'dossierId'?: (string);
  'purpose'?: (string);
}

export interface DeclareFactsRequest__Output {
  'personalId': (string);
  'facts': (_motlan_facts_v1_DeclaredFact__Output)[];
  'dossierId': (string);
  'purpose': (string);
}
