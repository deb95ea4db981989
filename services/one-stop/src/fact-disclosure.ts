import { grantedTypes, type DisclosureGuard, type Policy } from '@motlan/access';

/** A fact as the caller sees it: with its value, or withheld (type and provenance only). */
export type Disclosed<F extends { type: string; value: unknown }> = Omit<F, 'value'> & {
  value?: unknown;
  withheld?: true;
};

export interface DisclosureContext {
  /** The client certificate's name (a portal or a handling unit's system). */
  client: string;
  /** The citizen the facts are about. */
  subject: string;
  /** The procedure code: the purpose the facts are read for. */
  purpose: string;
  requestId: string;
}

/**
 * Fact values leave the one-stop only to a client the access policy grants them for the
 * dossier's procedure (its code is the purpose), like any read from the registry: the values of
 * granted types are shown, and that is a disclosure, checked and recorded by the DisclosureGuard
 * (audit_log → access.audit.v1 → the citizen's "who used my data"). The others are listed with
 * their provenance and `withheld: true`, no value, and nothing is recorded for them.
 */
export class FactDisclosure {
  constructor(
    private readonly policy: Policy,
    private readonly guard: DisclosureGuard,
  ) {}

  async present<F extends { type: string; value: unknown }>(
    facts: readonly F[],
    context: DisclosureContext,
  ): Promise<Disclosed<F>[]> {
    const granted = new Set(grantedTypes(this.policy, context.client, context.purpose));
    const shown = (fact: F) => granted.has('*') || granted.has(fact.type);
    const types = [...new Set(facts.filter(shown).map((fact) => fact.type))];
    // Recorded before anything is answered: a failed write answers an error, never unaudited values.
    if (types.length > 0) await this.guard.authorize({ ...context, factTypes: types });
    return facts.map((fact) => {
      if (shown(fact)) return fact;
      const withheld: Disclosed<F> = { ...fact, withheld: true };
      delete withheld.value;
      return withheld;
    });
  }
}
