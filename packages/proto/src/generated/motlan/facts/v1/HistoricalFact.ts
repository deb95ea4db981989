// Original file: protos/motlan/facts/v1/fact_registry.proto

import type { Fact as _motlan_common_v1_Fact, Fact__Output as _motlan_common_v1_Fact__Output } from '../../../motlan/common/v1/Fact.ts';

export interface HistoricalFact {
  'fact'?: (_motlan_common_v1_Fact | null);
  'current'?: (boolean);
  'recordedAt'?: (string);
}

export interface HistoricalFact__Output {
  'fact': (_motlan_common_v1_Fact__Output | null);
  'current': (boolean);
  'recordedAt': (string);
}
