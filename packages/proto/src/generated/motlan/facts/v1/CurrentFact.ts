// Original file: protos/motlan/facts/v1/fact_registry.proto

import type { Fact as _motlan_common_v1_Fact, Fact__Output as _motlan_common_v1_Fact__Output } from '../../../motlan/common/v1/Fact.ts';

export interface CurrentFact {
  'fact'?: (_motlan_common_v1_Fact | null);
  'conflicted'?: (boolean);
}

export interface CurrentFact__Output {
  'fact': (_motlan_common_v1_Fact__Output | null);
  'conflicted': (boolean);
}
