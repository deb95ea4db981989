// Original file: protos/motlan/facts/v1/subscriptions.proto

import type { Subscription as _motlan_facts_v1_Subscription, Subscription__Output as _motlan_facts_v1_Subscription__Output } from '../../../motlan/facts/v1/Subscription.ts';

export interface ListSubscriptionsResponse {
  'subscriptions'?: (_motlan_facts_v1_Subscription)[];
}

export interface ListSubscriptionsResponse__Output {
  'subscriptions': (_motlan_facts_v1_Subscription__Output)[];
}
