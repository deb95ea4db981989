// Original file: protos/motlan/audit/v1/audit_anchor.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditAnchor {
  'chain'?: (string);
  'discloser'?: (string);
  'store'?: (string);
  'sequence'?: (number | string | Long);
  'hash'?: (string);
  'occurredAt'?: (string);
  'anchoredAt'?: (string);
}

export interface AuditAnchor__Output {
  'chain': (string);
  'discloser': (string);
  'store': (string);
  'sequence': (string);
  'hash': (string);
  'occurredAt': (string);
  'anchoredAt': (string);
}
