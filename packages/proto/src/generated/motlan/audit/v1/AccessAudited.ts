// Original file: protos/motlan/audit/v1/access_audited.proto

import type { Long } from '@grpc/proto-loader';

export interface AccessAudited {
  'auditId'?: (string);
  'personalId'?: (string);
  'client'?: (string);
  'purpose'?: (string);
  'factTypes'?: (string)[];
  'outcome'?: (string);
  'occurredAt'?: (string);
  'requestId'?: (string);
  'discloser'?: (string);
  'sequence'?: (number | string | Long);
  'hash'?: (string);
}

export interface AccessAudited__Output {
  'auditId': (string);
  'personalId': (string);
  'client': (string);
  'purpose': (string);
  'factTypes': (string)[];
  'outcome': (string);
  'occurredAt': (string);
  'requestId': (string);
  'discloser': (string);
  'sequence': (string);
  'hash': (string);
}
