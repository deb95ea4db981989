import { mayOperate, type AuditTrail, type Policy } from '@motlan/access';
import type { Pool } from '@motlan/db';
import { SOURCE_SYSTEMS } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import { RegistryErrors } from './errors.ts';
import type { Caller } from './fact-registry.ts';
import {
  countDiscrepancies,
  listDiscrepancies,
  type DiscrepancyCount,
  type DiscrepancyEntry,
  type DiscrepancyState,
} from './store/discrepancy-queries.ts';

/** The purpose audited for each citizen a discrepancy listing discloses. */
export const DISCREPANCY_REPORT_PURPOSE = 'discrepancy-report';

/** Whether a client identity is a data owner: a source system whose facts the registry holds. */
export function isDataOwner(client: string): boolean {
  return (SOURCE_SYSTEMS as readonly string[]).includes(client);
}

/**
 * What the registry tells about disagreeing sources. A data owner (client identity = its source
 * system name) lists the discrepancies its own source is part of, with every source's value and
 * provenance: each listed discrepancy is a disclosure of that citizen's fact, so one audit entry
 * (purpose `discrepancy-report`, the fact type) is written per entry before it is answered.
 * Counts (no personal data) are for the data owners and operators (policy `mayOperate`).
 */
export class Discrepancies {
  constructor(
    private readonly pool: Pool,
    private readonly policy: Policy,
    private readonly trail: AuditTrail,
  ) {}

  /**
   * A data owner gets those its source is part of; an operator (policy `mayOperate`: the
   * operators' console) gets all. Each listed entry is audited either way. Throws
   * MOTLAN_DISCREPANCIES_NOT_ALLOWED (403) for any other client.
   */
  async list(
    caller: Caller,
    query: { state?: DiscrepancyState; factType?: string; after?: string; limit?: number },
  ): Promise<{ discrepancies: DiscrepancyEntry[]; next?: string }> {
    const owner = isDataOwner(caller.client);
    if (!owner && !mayOperate(this.policy, caller.client)) {
      throw new MotlanError(
        RegistryErrors.discrepanciesNotAllowed,
        `${caller.client} is neither a source system nor an operator and may not list discrepancies`,
      );
    }
    const limit = query.limit ?? 100;
    const discrepancies = await listDiscrepancies(this.pool, {
      sourceSystem: owner ? caller.client : undefined,
      limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.factType ? { factType: query.factType } : {}),
      ...(query.after ? { after: query.after } : {}),
    });
    await Promise.all(
      discrepancies.map((entry) =>
        this.trail.record({
          subject: entry.personalId,
          client: caller.client,
          purpose: DISCREPANCY_REPORT_PURPOSE,
          factTypes: [entry.factType],
          outcome: 'granted',
          requestId: caller.requestId,
        }),
      ),
    );
    const last = discrepancies.at(-1);
    return { discrepancies, ...(discrepancies.length === limit && last ? { next: last.cursor } : {}) };
  }

  /** Throws MOTLAN_DISCREPANCIES_NOT_ALLOWED (403) unless a data owner or an operator. */
  async report(caller: Caller): Promise<DiscrepancyCount[]> {
    if (!isDataOwner(caller.client) && !mayOperate(this.policy, caller.client)) {
      throw new MotlanError(
        RegistryErrors.discrepanciesNotAllowed,
        `${caller.client} is neither a source system nor an operator`,
      );
    }
    return countDiscrepancies(this.pool);
  }
}
