// Original file: protos/motlan/facts/v1/subscriptions.proto


export interface ListSubscriptionsRequest {
}

export interface ListSubscriptionsRequest__Output {
}
