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
  /** The requested types this client may not read for this purpose. */
  denied: string[];
}

export function authorize(
  policy: Policy,
  client: string,
  purpose: string,
  factTypes: readonly string[],
): Authorization {
  const grants = policy.clients[client]?.purposes;
  const types = new Set([...(grants?.[purpose] ?? []), ...(grants?.['*'] ?? [])]);
  const denied = types.has('*') ? [] : factTypes.filter((type) => !types.has(type));
  return { allowed: grants !== undefined && denied.length === 0, denied: grants ? denied : [...factTypes] };
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

/** The fact types a client may read for a purpose ("*" = all). */
export function grantedTypes(policy: Policy, client: string, purpose: string): string[] {
  const grants = policy.clients[client]?.purposes;
  return [...new Set([...(grants?.[purpose] ?? []), ...(grants?.['*'] ?? [])])];
}
