// Original file: protos/motlan/facts/v1/fact_registry.proto


export interface Disclosure {
  'client'?: (string);
  'purpose'?: (string);
  'factTypes'?: (string)[];
  'outcome'?: (string);
  'occurredAt'?: (string);
  'requestId'?: (string);
  'auditId'?: (string);
  'discloser'?: (string);
}

export interface Disclosure__Output {
  'client': (string);
  'purpose': (string);
  'factTypes': (string)[];
  'outcome': (string);
  'occurredAt': (string);
  'requestId': (string);
  'auditId': (string);
  'discloser': (string);
}
