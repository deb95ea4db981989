// Original file: protos/motlan/common/v1/fact.proto

export const Assurance = {
  ASSURANCE_UNSPECIFIED: 'ASSURANCE_UNSPECIFIED',
  ASSURANCE_SELF_DECLARED: 'ASSURANCE_SELF_DECLARED',
  ASSURANCE_VERIFIED: 'ASSURANCE_VERIFIED',
  ASSURANCE_AUTHORITATIVE: 'ASSURANCE_AUTHORITATIVE',
} as const;

export type Assurance =
  | 'ASSURANCE_UNSPECIFIED'
  | 0
  | 'ASSURANCE_SELF_DECLARED'
  | 1
  | 'ASSURANCE_VERIFIED'
  | 2
  | 'ASSURANCE_AUTHORITATIVE'
  | 3

export type Assurance__Output = typeof Assurance[keyof typeof Assurance]
