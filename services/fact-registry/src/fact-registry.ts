import { mayDeclare, mayListDisclosures, type DisclosureGuard, type Policy } from '@motlan/access';
import type { Pool } from '@motlan/db';
import {
  declaredFacts,
  FACT_DECLARED_EVENT,
  isKnownFactType,
  validatePersonalId,
  type Declaration,
} from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { Topics, type EventProducer, type TopicDefinition } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import { RegistryErrors } from './errors.ts';
import {
  allCurrentFacts,
  currentFacts,
  disclosures,
  factHistory,
  hasFacts,
  type CurrentFact,
  type DisclosureRow,
  type HistoricalFact,
} from './store/fact-queries.ts';

/** Who is asking and why: the certificate's identity, the named purpose, the request id. */
export interface Caller {
  client: string;
  requestId: string;
}

const PURPOSE = /^[A-Za-z0-9._-]{1,64}$/;

function checkPurpose(purpose: string): void {
  if (!PURPOSE.test(purpose)) {
    throw new MotlanError(
      CommonErrors.validation,
      'purpose must be a procedure code (1–64 letters, digits, . _ -)',
      {
        field: 'purpose',
      },
    );
  }
}

function checkTypes(types: readonly string[], field = 'factTypes'): void {
  if (types.length === 0) {
    throw new MotlanError(CommonErrors.validation, `${field} must name at least one fact type`, { field });
  }
  const unknown = types.find((type) => !isKnownFactType(type));
  if (unknown) throw new MotlanError(CommonErrors.validation, `Unknown fact type "${unknown}"`, { field });
}

/**
 * The registry's operations, shared by gRPC, REST and the GovStack-compatible API. Reads are
 * checked against the policy and audited; declarations go out through citizen.facts.v1 and come
 * back in through the consumer like every other fact (one write path).
 */
export class FactRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly policy: Policy,
    private readonly guard: DisclosureGuard,
    private readonly producer: EventProducer,
    private readonly topic: TopicDefinition<Fact__Output> = Topics.citizenFacts,
  ) {}

  async getFacts(
    caller: Caller,
    request: { personalId: string; factTypes: string[]; purpose: string },
  ): Promise<{ facts: CurrentFact[]; missing: string[] }> {
    validatePersonalId(request.personalId);
    checkPurpose(request.purpose);
    checkTypes(request.factTypes);
    const types = [...new Set(request.factTypes)];
    // The read runs while the decision is written to the audit trail; nothing leaves before both
    // finish, and a refusal discards what was read.
    const [, facts] = await Promise.all([
      this.guard.authorize({
        ...caller,
        subject: request.personalId,
        purpose: request.purpose,
        factTypes: types,
      }),
      currentFacts(this.pool, request.personalId, types),
    ]);
    const present = new Set(facts.map((entry) => entry.fact.type));
    return { facts, missing: types.filter((type) => !present.has(type)) };
  }

  /** Every current fact this caller may read for the purpose (GovStack `read`). */
  async readAllowed(
    caller: Caller,
    personalId: string,
    purpose: string,
    allowedTypes: string[],
  ): Promise<CurrentFact[]> {
    validatePersonalId(personalId);
    checkPurpose(purpose);
    const facts = (await allCurrentFacts(this.pool, personalId)).filter(
      (entry) => allowedTypes.includes('*') || allowedTypes.includes(entry.fact.type),
    );
    await this.guard.authorize({
      ...caller,
      subject: personalId,
      purpose,
      factTypes: facts.map((entry) => entry.fact.type),
    });
    return facts;
  }

  async exists(caller: Caller, personalId: string, purpose: string): Promise<boolean> {
    validatePersonalId(personalId);
    checkPurpose(purpose);
    await this.guard.authorize({ ...caller, subject: personalId, purpose, factTypes: [] });
    return hasFacts(this.pool, personalId);
  }

  async declare(caller: Caller, declaration: Declaration): Promise<string[]> {
    if (!mayDeclare(this.policy, caller.client)) {
      throw new MotlanError(RegistryErrors.declarationNotAllowed, `${caller.client} may not declare facts`);
    }
    const facts = declaredFacts(declaration, caller.client);
    await this.producer.publish(
      this.topic,
      facts.map((fact) => ({
        key: fact.subject!.personalId,
        value: fact,
        eventId: fact.id,
        eventType: FACT_DECLARED_EVENT,
        correlationId: caller.requestId,
      })),
    );
    return facts.map((fact) => fact.id);
  }

  async history(
    caller: Caller,
    request: { personalId: string; factType: string; purpose: string },
  ): Promise<HistoricalFact[]> {
    validatePersonalId(request.personalId);
    checkPurpose(request.purpose);
    checkTypes([request.factType], 'factType');
    await this.guard.authorize({
      ...caller,
      subject: request.personalId,
      purpose: request.purpose,
      factTypes: [request.factType],
    });
    return factHistory(this.pool, request.personalId, request.factType);
  }

  async listDisclosures(
    caller: Caller,
    request: { personalId: string; since?: string; limit?: number },
  ): Promise<DisclosureRow[]> {
    if (!mayListDisclosures(this.policy, caller.client)) {
      throw new MotlanError(
        RegistryErrors.disclosureListNotAllowed,
        `${caller.client} may not list disclosures`,
      );
    }
    validatePersonalId(request.personalId);
    if (request.since && Number.isNaN(Date.parse(request.since))) {
      throw new MotlanError(CommonErrors.validation, 'since must be an RFC 3339 time', { field: 'since' });
    }
    const limit = request.limit && request.limit > 0 ? Math.min(request.limit, 1_000) : 100;
    return disclosures(this.pool, request.personalId, request.since || undefined, limit);
  }
}
