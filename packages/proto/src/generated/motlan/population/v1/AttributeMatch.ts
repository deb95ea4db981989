// Original file: protos/motlan/population/v1/population_service.proto

import type { MatchOutcome as _motlan_population_v1_MatchOutcome, MatchOutcome__Output as _motlan_population_v1_MatchOutcome__Output } from '../../../motlan/population/v1/MatchOutcome.ts';

export interface AttributeMatch {
  'attribute'?: (string);
  'outcome'?: (_motlan_population_v1_MatchOutcome);
  'tolerated'?: (string)[];
}

export interface AttributeMatch__Output {
  'attribute': (string);
  'outcome': (_motlan_population_v1_MatchOutcome__Output);
  'tolerated': (string)[];
}
