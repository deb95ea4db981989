// Original file: protos/motlan/military/v1/military_personnel_service.proto

import type { MatchOutcome as _motlan_military_v1_MatchOutcome, MatchOutcome__Output as _motlan_military_v1_MatchOutcome__Output } from '../../../motlan/military/v1/MatchOutcome.ts';

export interface AttributeMatch {
  'attribute'?: (string);
  'outcome'?: (_motlan_military_v1_MatchOutcome);
  'tolerated'?: (string)[];
}

export interface AttributeMatch__Output {
  'attribute': (string);
  'outcome': (_motlan_military_v1_MatchOutcome__Output);
  'tolerated': (string)[];
}
