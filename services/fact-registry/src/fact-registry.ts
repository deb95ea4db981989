import {
  grantedTypes,
  mayDeclare,
  mayListDisclosures,
  type DisclosureGuard,
  type Policy,
} from '@motlan/access';
import type { Pool } from '@motlan/db';
import {
  declaredFacts,
  DomainErrors,
  FACT_TYPES,
  IDEMPOTENCY_KEY_HEADER,
  validatePersonalId,
  type Declaration,
  type FullName,
} from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { EventTypes, Topics, type EventProducer, type TopicDefinition } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import {
  criteriaFactTypes,
  IDENTITY_TYPES,
  matchesCriteria,
  type Criteria,
  type RecordedIdentity,
} from './domain/criteria.ts';
import { declarationHash } from './domain/declare.ts';
import { checkKnownTypes, checkPurpose, checkTypes } from './domain/request-checks.ts';
import { RegistryErrors } from './errors.ts';
import { claimDeclarationKey } from './store/declaration-keys.ts';
import { isKnownSubject } from './store/known-subject.ts';
import {
  currentFacts,
  disclosures,
  factHistory,
  type CurrentFact,
  type DisclosureRow,
  type HistoricalFact,
} from './store/fact-queries.ts';

/** Who is asking and why: the certificate's identity, the named purpose, the request id. */
export interface Caller {
  client: string;
  requestId: string;
}

/** A read of one citizen's facts as every route states it: whose, for which procedure, which types. */
interface Disclosure {
  personalId: string;
  purpose: string;
  factTypes: readonly string[];
}

/**
 * The registry's operations, shared by gRPC, REST and the GovStack-compatible API. Every read
 * goes through `disclose` — one decision of (client, purpose, subject, fact types) written to the
 * audit trail — so the same request gets the same answer and the same audit record on every
 * route. Declarations go out through citizen.facts.v1 and come back in through the consumer like
 * every other fact (one write path).
 */
export class FactRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly policy: Policy,
    private readonly guard: DisclosureGuard,
    private readonly producer: EventProducer,
    private readonly topic: TopicDefinition<Fact__Output> = Topics.citizenFacts,
  ) {}

  /**
   * The one way to a citizen's facts: subject, purpose and types validated (400 and nothing
   * audited when malformed), then the policy's decision for (client, purpose, subject, types)
   * audited — granted or denied — and a refusal answered 403 / PERMISSION_DENIED. The read runs
   * while the decision is written; nothing leaves before both finish, and a refusal discards
   * what was read. Types are recorded deduplicated and sorted: the order a route lists them in
   * does not change the record.
   */
  private async disclose<T>(
    caller: Caller,
    request: Disclosure,
    read: (types: string[]) => Promise<T>,
  ): Promise<T> {
    validatePersonalId(request.personalId);
    checkPurpose(request.purpose);
    checkKnownTypes(request.factTypes);
    const types = [...new Set(request.factTypes)].sort();
    const [, result] = await Promise.all([
      this.guard.authorize({
        ...caller,
        subject: request.personalId,
        purpose: request.purpose,
        factTypes: types,
      }),
      read(types),
    ]);
    return result;
  }

  async getFacts(
    caller: Caller,
    request: { personalId: string; factTypes: string[]; purpose: string },
  ): Promise<{ facts: CurrentFact[]; missing: string[] }> {
    checkTypes(request.factTypes);
    const facts = await this.disclose(caller, request, (types) =>
      currentFacts(this.pool, request.personalId, types),
    );
    const present = new Set(facts.map((entry) => entry.fact.type));
    return { facts, missing: [...new Set(request.factTypes)].filter((type) => !present.has(type)) };
  }

  /**
   * A citizen's record (GovStack `read` and `list`): the current facts of the named types, or
   * when none are named every type the policy grants this client for the purpose (none when the
   * purpose is not granted: refused like any other read). Criteria are compared with the
   * recorded identity and their fact types are part of the decision, since a record found or
   * not found tells whether they match. Undefined when no requested fact is held or a
   * criterion does not match.
   */
  async readRecord(
    caller: Caller,
    request: { personalId: string; purpose: string; factTypes?: string[]; criteria: Criteria },
  ): Promise<CurrentFact[] | undefined> {
    if (request.factTypes) checkTypes(request.factTypes);
    const requested = request.factTypes ?? this.grantedTypes(caller.client, request.purpose);
    const facts = await this.disclose(
      caller,
      { ...request, factTypes: [...requested, ...criteriaFactTypes(request.criteria)] },
      (types) => currentFacts(this.pool, request.personalId, types),
    );
    if (!matchesCriteria(request.criteria, recordedIdentity(facts))) return undefined;
    const disclosed = facts.filter((entry) => requested.includes(entry.fact.type));
    return disclosed.length === 0 ? undefined : disclosed;
  }

  /**
   * Whether the registry knows this citizen (GovStack `exists`), and, when criteria are given,
   * whether the record matches them. A citizen is known when the registry holds their
   * `identity.full_name` (every citizen the population database knows has one; a declaration
   * alone does not make a citizen known), so the answer discloses that fact type, plus
   * `identity.date_of_birth` when a date of birth is asked about: the purpose must grant them.
   */
  async exists(
    caller: Caller,
    request: { personalId: string; purpose: string; criteria: Criteria },
  ): Promise<boolean> {
    const facts = await this.disclose(
      caller,
      { ...request, factTypes: [IDENTITY_TYPES.name, ...criteriaFactTypes(request.criteria)] },
      (types) => currentFacts(this.pool, request.personalId, types),
    );
    const recorded = recordedIdentity(facts);
    return recorded.fullName !== undefined && matchesCriteria(request.criteria, recorded);
  }

  /** The types the policy grants a client for a purpose, "*" spelled out as the whole catalog. */
  private grantedTypes(client: string, purpose: string): string[] {
    const granted = grantedTypes(this.policy, client, purpose);
    return granted.includes('*') ? [...FACT_TYPES] : granted;
  }

  /**
   * Self-declared facts for a subject the population database has vouched for, published to
   * citizen.facts.v1; returns their ids. Order of refusals: not allowed to declare (403), bad
   * input (400, text and values through validateFactValue), unknown subject (422
   * MOTLAN_SUBJECT_UNKNOWN), idempotency key used before for another declaration (422
   * MOTLAN_IDEMPOTENCY_KEY_REUSED). With a key, a repeat of the same declaration publishes the
   * same facts again (same ids and observation time) and answers the same ids; the consumer
   * applies them once. Nothing is published for a refused declaration.
   */
  async declare(caller: Caller, declaration: Declaration, idempotencyKey?: string): Promise<string[]> {
    if (!mayDeclare(this.policy, caller.client)) {
      throw new MotlanError(RegistryErrors.declarationNotAllowed, `${caller.client} may not declare facts`);
    }
    const now = new Date();
    let facts = declaredFacts(declaration, caller.client, { now, idempotencyKey });
    if (!(await isKnownSubject(this.pool, declaration.personalId))) {
      throw new MotlanError(
        RegistryErrors.subjectUnknown,
        'The registry holds no authoritative fact from the national population database for this ' +
          'personal ID; declarations are taken only for subjects the mesh can verify',
        { field: 'personalId' },
      );
    }
    if (idempotencyKey !== undefined) {
      const requestHash = declarationHash(facts);
      const stored = await claimDeclarationKey(this.pool, {
        client: caller.client,
        key: idempotencyKey,
        requestHash,
        observedAt: now,
      });
      if (stored.requestHash !== requestHash) {
        throw new MotlanError(
          DomainErrors.idempotencyKeyReused,
          'This idempotency key was used before for a different declaration; use a new key',
          { field: IDEMPOTENCY_KEY_HEADER },
        );
      }
      if (stored.observedAt.getTime() !== now.getTime()) {
        facts = declaredFacts(declaration, caller.client, { now: stored.observedAt, idempotencyKey });
      }
    }
    await this.producer.publish(
      this.topic,
      facts.map((fact) => ({
        key: fact.subject!.personalId,
        value: fact,
        eventId: fact.id,
        eventType: EventTypes.factDeclared,
        correlationId: caller.requestId,
      })),
    );
    return facts.map((fact) => fact.id);
  }

  async history(
    caller: Caller,
    request: { personalId: string; factType: string; purpose: string },
  ): Promise<HistoricalFact[]> {
    checkTypes([request.factType], 'factType');
    return this.disclose(caller, { ...request, factTypes: [request.factType] }, ([type]) =>
      factHistory(this.pool, request.personalId, type!),
    );
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

/** The identity facts among those read, for comparing criteria with. */
function recordedIdentity(facts: readonly CurrentFact[]): RecordedIdentity {
  const value = (type: string): unknown => {
    const entry = facts.find((candidate) => candidate.fact.type === type);
    return entry ? (JSON.parse(entry.fact.valueJson) as unknown) : undefined;
  };
  const birth = value(IDENTITY_TYPES.dateOfBirth) as { date: string } | undefined;
  const name = value(IDENTITY_TYPES.name) as FullName | undefined;
  return { ...(name ? { fullName: name } : {}), ...(birth ? { dateOfBirth: birth.date } : {}) };
}
