// Original file: protos/motlan/facts/v1/subscriptions.proto

import type { Fact as _motlan_common_v1_Fact, Fact__Output as _motlan_common_v1_Fact__Output } from '../../../motlan/common/v1/Fact.ts';

export interface Notification {
  'id'?: (string);
  'subscriptionId'?: (string);
  'cursor'?: (string);
  'purpose'?: (string);
  'fact'?: (_motlan_common_v1_Fact | null);
  'supersedesFactId'?: (string);
  'changedAt'?: (string);
}

export interface Notification__Output {
  'id': (string);
  'subscriptionId': (string);
  'cursor': (string);
  'purpose': (string);
  'fact': (_motlan_common_v1_Fact__Output | null);
  'supersedesFactId': (string);
  'changedAt': (string);
}
