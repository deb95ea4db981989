// Original file: protos/motlan/facts/v1/subscriptions.proto


export interface DeleteSubscriptionRequest {
  'id'?: (string);
}

export interface DeleteSubscriptionRequest__Output {
  'id': (string);
}
