/**
 * The national population database's request header names: its API's wire names, not ours (they
 * happen to match Motlan's `x-request-id` and `x-officer-id`, but follow the upstream's document).
 */
export const NpdbHeaders = {
  /** Echoed back by the upstream as its request reference. */
  requestId: 'x-request-id',
  /** The officer on whose behalf the lookup is made (required by the upstream for lookups). */
  officerId: 'x-officer-id',
  apiKey: 'x-api-key',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
} as const;
