// Original file: protos/motlan/facts/v1/fact_registry.proto

import type { Disclosure as _motlan_facts_v1_Disclosure, Disclosure__Output as _motlan_facts_v1_Disclosure__Output } from '../../../motlan/facts/v1/Disclosure.ts';

export interface ListDisclosuresResponse {
  'disclosures'?: (_motlan_facts_v1_Disclosure)[];
}

export interface ListDisclosuresResponse__Output {
  'disclosures': (_motlan_facts_v1_Disclosure__Output)[];
}
