import { randomUUID } from 'node:crypto';
import { Topics } from '@motlan/kafka';
import type { FactEvent } from '../domain/decide.ts';
import type { Dossier, HistoryStep, StepDraft } from '../domain/dossier.ts';
import { stepEvent } from '../domain/events.ts';
import type { OutboxEvent } from '../store/outbox.ts';

const DOSSIER_EVENTS = Topics.dossierEvents.name;
const CITIZEN_FACTS = Topics.citizenFacts.name;

/**
 * A decided step numbered `sequence`, with a fresh event id, and its event for dossier.events.v1
 * (keyed by the dossier id), the state in it that of `dossier` after the step.
 */
export function recordStep(
  dossier: Dossier,
  draft: StepDraft,
  sequence: number,
  requestId: string,
  rating?: number,
): { step: HistoryStep; event: OutboxEvent } {
  const eventId = randomUUID();
  const step: HistoryStep = { ...draft, sequence, eventId };
  return {
    step,
    event: {
      eventId,
      topic: DOSSIER_EVENTS,
      key: dossier.id,
      eventType: step.eventType,
      payload: stepEvent(dossier, step, rating),
      correlationId: requestId,
    },
  };
}

/** A fact a change emits, for citizen.facts.v1: keyed by its subject, its id the event id. */
export function factOutboxEvent(fact: FactEvent, requestId: string): OutboxEvent {
  return {
    eventId: fact.factId,
    topic: CITIZEN_FACTS,
    key: fact.personalId,
    eventType: fact.eventType,
    payload: fact.fact,
    correlationId: requestId,
  };
}
