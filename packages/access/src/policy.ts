import { readFileSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { MotlanError } from '@motlan/errors';
import { AccessErrors } from './errors.ts';

/**
 * The access policy: for each client identity (certificate CN), for each purpose (procedure
 * code, or "*" for any), the fact types it may read ("*" for all), and whether it may declare
 * facts on a citizen's behalf.
 */
export const PolicySchema = Type.Object({
  clients: Type.Record(
    Type.String(),
    Type.Object({
      description: Type.Optional(Type.String()),
      purposes: Type.Record(Type.String(), Type.Array(Type.String())),
      mayDeclare: Type.Optional(Type.Boolean()),
      /** May read any citizen's disclosure list (operators, the citizen portal). */
      mayListDisclosures: Type.Optional(Type.Boolean()),
      /** May see and act on operational state: an adapter's quarantined records, their retry. */
      mayOperate: Type.Optional(Type.Boolean()),
      /**
       * May subscribe to changes (fact registry subscriptions), for the citizens it has a legal
       * basis for: those the named source system holds a record of (e.g. the military personnel
       * system for its own registrants). Which types, under which purpose: `purposes`, as for reads.
       */
      subscribes: Type.Optional(Type.Object({ citizensHeldBy: Type.String({ minLength: 1 }) })),
    }),
  ),
});

export type Policy = Static<typeof PolicySchema>;

export function parsePolicy(json: unknown): Policy {
  if (!Value.Check(PolicySchema, json)) {
    const first = [...Value.Errors(PolicySchema, json)][0];
    throw new MotlanError(
      AccessErrors.policyInvalid,
      `Access policy invalid: ${first?.message ?? 'unknown'}`,
    );
  }
  return json as Policy;
}

export function loadPolicy(file: string): Policy {
  return parsePolicy(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

export interface Authorization {
  allowed: boolean;
  /** False when the client holds no grant for this purpose (nor for "*"): nothing may be read. */
  purposeGranted: boolean;
  /** The requested types this client may not read for this purpose. */
  denied: string[];
}

/**
 * The policy's answer for (client, purpose, fact types). Granted only when the client holds a
 * grant for the purpose (or "*") that covers every requested type, and at least one type is
 * requested: a request naming nothing is refused, so no route can disclose something (that a
 * citizen is known, say) without naming the fact types it touches and having them granted.
 */
export function authorize(
  policy: Policy,
  client: string,
  purpose: string,
  factTypes: readonly string[],
): Authorization {
  const types = new Set(grantedTypes(policy, client, purpose));
  const purposeGranted = types.size > 0;
  const denied = types.has('*') ? [] : factTypes.filter((type) => !types.has(type));
  return { allowed: purposeGranted && factTypes.length > 0 && denied.length === 0, purposeGranted, denied };
}

export function mayDeclare(policy: Policy, client: string): boolean {
  return policy.clients[client]?.mayDeclare === true;
}

export function mayListDisclosures(policy: Policy, client: string): boolean {
  return policy.clients[client]?.mayListDisclosures === true;
}

export function mayOperate(policy: Policy, client: string): boolean {
  return policy.clients[client]?.mayOperate === true;
}

/** The source system whose registrants a client may subscribe for; undefined when it may not subscribe. */
export function subscriptionScope(policy: Policy, client: string): string | undefined {
  return policy.clients[client]?.subscribes?.citizensHeldBy;
}

/** The fact types a client may read for a purpose ("*" = all). */
export function grantedTypes(policy: Policy, client: string, purpose: string): string[] {
  const grants = policy.clients[client]?.purposes;
  return [...new Set([...(grants?.[purpose] ?? []), ...(grants?.['*'] ?? [])])];
}
