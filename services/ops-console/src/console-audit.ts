import type { AuditTrail } from '@motlan/access';

/** What an operator did that the console's audit trail keeps (its purpose, `ops-console.<action>`). */
export type ConsoleAction = 'tail-unmasked' | 'redrive' | 'lineage' | 'trace';

/**
 * Records an operator's action in the console's own hash-chained audit trail (@motlan/access,
 * schema OPS_CONSOLE_SCHEMA, relayed and anchored on access.audit.v1 like every service's):
 * client `ops-console:<operator>`, purpose `ops-console.<action>`, subject what was seen or
 * changed (a topic, a dead letter's position, a fact id or the citizen's personal ID).
 * Resolves once the link is durable: the action is shown only after it is recorded.
 */
export async function audit(
  trail: AuditTrail,
  entry: {
    operator: string;
    action: ConsoleAction;
    subject: string;
    requestId: string;
    factTypes?: string[];
  },
): Promise<void> {
  await trail.record({
    subject: entry.subject,
    client: `ops-console:${entry.operator}`,
    purpose: `ops-console.${entry.action}`,
    factTypes: entry.factTypes ?? [],
    outcome: 'granted',
    requestId: entry.requestId,
  });
}
