// Original file: protos/motlan/facts/v1/subscriptions.proto


export interface DeleteSubscriptionResponse {
}

export interface DeleteSubscriptionResponse__Output {
}
