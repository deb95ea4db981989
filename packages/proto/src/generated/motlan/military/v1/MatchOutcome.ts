// Original file: protos/motlan/military/v1/military_personnel_service.proto

export const MatchOutcome = {
  MATCH_OUTCOME_UNSPECIFIED: 'MATCH_OUTCOME_UNSPECIFIED',
  MATCH_OUTCOME_MATCH: 'MATCH_OUTCOME_MATCH',
  MATCH_OUTCOME_MISMATCH: 'MATCH_OUTCOME_MISMATCH',
  MATCH_OUTCOME_NOT_CLAIMED: 'MATCH_OUTCOME_NOT_CLAIMED',
} as const;

export type MatchOutcome =
  | 'MATCH_OUTCOME_UNSPECIFIED'
  | 0
  | 'MATCH_OUTCOME_MATCH'
  | 1
  | 'MATCH_OUTCOME_MISMATCH'
  | 2
  | 'MATCH_OUTCOME_NOT_CLAIMED'
  | 3

export type MatchOutcome__Output = typeof MatchOutcome[keyof typeof MatchOutcome]
