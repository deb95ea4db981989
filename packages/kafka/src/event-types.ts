/**
 * Every event type Motlan writes in the `motlan-event-type` header (Headers.eventType), in one
 * place beside the other Kafka wire names (definitions.ts) and the topics (topics.ts). Consumers
 * match on these values, so a value here is never renamed or reused for another meaning.
 */
export const EventTypes = {
  /** citizen.facts.v1: a fact as an adapter read it from its authoritative source. */
  factRecorded: 'fact.recorded',
  /** citizen.facts.v1: a fact declared by a client (self-declared or through a dossier). */
  factDeclared: 'fact.declared',
  /** citizen.facts.v1: a fact that a resolved dossier established (one-stop). */
  factResolved: 'fact.resolved',
  /** access.audit.v1: a disclosure the policy granted. */
  accessGranted: 'access.granted',
  /** access.audit.v1: a disclosure the policy denied. */
  accessDenied: 'access.denied',
  /** access.audit-anchors.v1: the head of an audit chain, anchored outside the writer's database. */
  accessAuditAnchored: 'access.audit-anchored',
  /** citizen.notifications.v1.<client>: a change of a current fact, for one subscription. */
  factChanged: 'fact.changed',
} as const;

/** citizen.discrepancies.v1: two authoritative sources disagree on a citizen's fact, and how it ends. */
export const DiscrepancyEventTypes = {
  opened: 'discrepancy.opened',
  updated: 'discrepancy.updated',
  resolved: 'discrepancy.resolved',
} as const;

/** dossier.events.v1: one event per dossier lifecycle step (one-stop). */
export const DossierEventTypes = {
  received: 'dossier.received',
  processingStarted: 'dossier.processing_started',
  supplementRequested: 'dossier.supplement_requested',
  supplemented: 'dossier.supplemented',
  resolved: 'dossier.resolved',
  rejected: 'dossier.rejected',
  withdrawn: 'dossier.withdrawn',
  rated: 'dossier.rated',
} as const;

/** The audit event type of a disclosure outcome (`access.granted` / `access.denied`). */
export function accessEventTypeOf(outcome: 'granted' | 'denied'): string {
  return outcome === 'granted' ? EventTypes.accessGranted : EventTypes.accessDenied;
}
