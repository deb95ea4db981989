// Original file: protos/motlan/adapter/v1/source_adapter.proto

import type { Long } from '@grpc/proto-loader';

export interface Freshness {
  'stale'?: (boolean);
  'ageSeconds'?: (number | string | Long);
  'fetchedAt'?: (string);
}

export interface Freshness__Output {
  'stale': (boolean);
  'ageSeconds': (string);
  'fetchedAt': (string);
}
