// Original file: protos/motlan/facts/v1/subscriptions.proto

import type { Delivery as _motlan_facts_v1_Delivery, Delivery__Output as _motlan_facts_v1_Delivery__Output } from '../../../motlan/facts/v1/Delivery.ts';

export interface Subscription {
  'id'?: (string);
  'client'?: (string);
  'purpose'?: (string);
  'factTypes'?: (string)[];
  'citizensHeldBy'?: (string);
  'delivery'?: (_motlan_facts_v1_Delivery);
  'topic'?: (string);
  'createdAt'?: (string);
}

export interface Subscription__Output {
  'id': (string);
  'client': (string);
  'purpose': (string);
  'factTypes': (string)[];
  'citizensHeldBy': (string);
  'delivery': (_motlan_facts_v1_Delivery__Output);
  'topic': (string);
  'createdAt': (string);
}
