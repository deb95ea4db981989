import { Type, type Static } from '@motlan/http';
import type { Freshness } from '../fact-source.ts';

export { RestFactSchema as FactSchema, toRestFact, type RestFact } from '@motlan/proto';

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

export function toRestFreshness(freshness: Freshness): Static<typeof FreshnessSchema> {
  return freshness;
}
