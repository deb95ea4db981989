import { Type, type Static } from '@motlan/http';
import type { Fact__Output } from '@motlan/proto';
import type { Freshness } from '../fact-source.ts';

/** A fact over REST: the value as JSON (over gRPC it travels as `value_json`). */
export const FactSchema = Type.Object(
  {
    id: Type.String(),
    personalId: Type.String(),
    type: Type.String({ examples: ['identity.full_name'] }),
    value: Type.Unknown({ description: 'The value, shaped by the fact type catalog' }),
    provenance: Type.Object({
      sourceSystem: Type.String(),
      assurance: Type.String({
        enum: ['ASSURANCE_SELF_DECLARED', 'ASSURANCE_VERIFIED', 'ASSURANCE_AUTHORITATIVE'],
      }),
      sourceRecordRef: Type.String(),
      sourceRecordVersion: Type.String(),
      observedAt: Type.String({ format: 'date-time' }),
      validFrom: Type.String(),
      validUntil: Type.String(),
      dossierId: Type.String(),
      contentHash: Type.String(),
    }),
  },
  { $id: 'Fact' },
);

export const FreshnessSchema = Type.Object(
  {
    stale: Type.Boolean({
      description: 'Served from the last known record because the upstream was unreachable',
    }),
    ageSeconds: Type.Integer(),
    fetchedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Freshness' },
);

export type RestFact = Static<typeof FactSchema>;

export function toRestFact(fact: Fact__Output): RestFact {
  return {
    id: fact.id,
    personalId: fact.subject?.personalId ?? '',
    type: fact.type,
    value: JSON.parse(fact.valueJson) as unknown,
    provenance: fact.provenance as RestFact['provenance'],
  };
}

export function toRestFreshness(freshness: Freshness): Static<typeof FreshnessSchema> {
  return freshness;
}
