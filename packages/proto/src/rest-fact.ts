import { Type, type Static } from 'typebox';
import type { Fact__Output } from './generated/motlan/common/v1/Fact.ts';

/**
 * motlan.common.v1.Fact as REST services render it: the same fields, with the value as JSON
 * rather than the `value_json` string gRPC and Kafka carry.
 */
export const RestFactSchema = Type.Object(
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

export type RestFact = Static<typeof RestFactSchema>;

export function toRestFact(fact: Fact__Output): RestFact {
  return {
    id: fact.id,
    personalId: fact.subject?.personalId ?? '',
    type: fact.type,
    value: JSON.parse(fact.valueJson) as unknown,
    provenance: fact.provenance as RestFact['provenance'],
  };
}
