// Original file: protos/motlan/facts/v1/subscriptions.proto

export const Delivery = {
  DELIVERY_UNSPECIFIED: 'DELIVERY_UNSPECIFIED',
  DELIVERY_KAFKA: 'DELIVERY_KAFKA',
  DELIVERY_GRPC_STREAM: 'DELIVERY_GRPC_STREAM',
} as const;

export type Delivery =
  | 'DELIVERY_UNSPECIFIED'
  | 0
  | 'DELIVERY_KAFKA'
  | 1
  | 'DELIVERY_GRPC_STREAM'
  | 2

export type Delivery__Output = typeof Delivery[keyof typeof Delivery]
