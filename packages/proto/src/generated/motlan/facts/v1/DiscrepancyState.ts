// Original file: protos/motlan/facts/v1/discrepancy.proto

export const DiscrepancyState = {
  DISCREPANCY_STATE_UNSPECIFIED: 'DISCREPANCY_STATE_UNSPECIFIED',
  DISCREPANCY_STATE_OPENED: 'DISCREPANCY_STATE_OPENED',
  DISCREPANCY_STATE_UPDATED: 'DISCREPANCY_STATE_UPDATED',
  DISCREPANCY_STATE_RESOLVED: 'DISCREPANCY_STATE_RESOLVED',
} as const;

export type DiscrepancyState =
  | 'DISCREPANCY_STATE_UNSPECIFIED'
  | 0
  | 'DISCREPANCY_STATE_OPENED'
  | 1
  | 'DISCREPANCY_STATE_UPDATED'
  | 2
  | 'DISCREPANCY_STATE_RESOLVED'
  | 3

export type DiscrepancyState__Output = typeof DiscrepancyState[keyof typeof DiscrepancyState]
