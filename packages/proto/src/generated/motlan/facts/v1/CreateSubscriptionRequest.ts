// Original file: protos/motlan/facts/v1/subscriptions.proto

import type { Delivery as _motlan_facts_v1_Delivery, Delivery__Output as _motlan_facts_v1_Delivery__Output } from '../../../motlan/facts/v1/Delivery.ts';

export interface CreateSubscriptionRequest {
  'purpose'?: (string);
  'factTypes'?: (string)[];
  'delivery'?: (_motlan_facts_v1_Delivery);
}

export interface CreateSubscriptionRequest__Output {
  'purpose': (string);
  'factTypes': (string)[];
  'delivery': (_motlan_facts_v1_Delivery__Output);
}
