import { describe, expect, it } from 'vitest';
import {
  accessEventTypeOf,
  DiscrepancyEventTypes,
  DossierEventTypes,
  EventTypes,
  Headers,
} from '../src/index.ts';

// Consumers in other processes match these strings: a rename is a wire break, so they are pinned.
describe('event types', () => {
  it('keeps the values consumers match on', () => {
    expect(EventTypes).toEqual({
      factRecorded: 'fact.recorded',
      factDeclared: 'fact.declared',
      factResolved: 'fact.resolved',
      accessGranted: 'access.granted',
      accessDenied: 'access.denied',
      accessAuditAnchored: 'access.audit-anchored',
      factChanged: 'fact.changed',
    });
    expect(DiscrepancyEventTypes).toEqual({
      opened: 'discrepancy.opened',
      updated: 'discrepancy.updated',
      resolved: 'discrepancy.resolved',
    });
    expect(Object.values(DossierEventTypes)).toEqual([
      'dossier.received',
      'dossier.processing_started',
      'dossier.supplement_requested',
      'dossier.supplemented',
      'dossier.resolved',
      'dossier.rejected',
      'dossier.withdrawn',
      'dossier.rated',
    ]);
  });

  it('never gives two events one type', () => {
    const all = [
      ...Object.values(EventTypes),
      ...Object.values(DossierEventTypes),
      ...Object.values(DiscrepancyEventTypes),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('names a disclosure outcome as its audit event', () => {
    expect(accessEventTypeOf('granted')).toBe('access.granted');
    expect(accessEventTypeOf('denied')).toBe('access.denied');
  });

  it('sits beside the header that carries it', () => {
    expect(Headers.eventType).toBe('motlan-event-type');
  });
});
