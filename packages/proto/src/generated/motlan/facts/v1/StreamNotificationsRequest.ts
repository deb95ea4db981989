// Original file: protos/motlan/facts/v1/subscriptions.proto


export interface StreamNotificationsRequest {
  'subscriptionId'?: (string);
  'after'?: (string);
}

export interface StreamNotificationsRequest__Output {
  'subscriptionId': (string);
  'after': (string);
}
