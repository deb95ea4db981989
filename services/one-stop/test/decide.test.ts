import { describe, expect, it } from 'vitest';
import { loadProcedureCatalog, loadWorkingCalendar } from '../src/catalog-data.ts';
import { checkAction, decide, resultOf, type DecisionContext } from '../src/domain/decide.ts';
import { APPLICANT_ORIGIN, type Dossier } from '../src/domain/dossier.ts';
import { declareSupplied } from '../src/domain/supplied-facts.ts';
import {
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  type DossierAction,
  type DossierStatus,
} from '../src/domain/lifecycle.ts';
import { endOfVietnamDay } from '../src/domain/working-calendar.ts';

const catalog = loadProcedureCatalog();
const calendar = loadWorkingCalendar();
const ict = (local: string) => new Date(`${local}+07:00`);
/** Entry to a special-group area: 7 working days, a permit of the provincial command as result. */
const permit = catalog.get('2.002102');
const context = (now: Date, procedure = permit): DecisionContext => ({
  now,
  calendar,
  procedure,
  resultSourceSystem: 'commune-military-command',
});

/** README "Lifecycle": every allowed (action, from) → to; everything else is refused. */
const ALLOWED: Record<DossierAction, Partial<Record<DossierStatus, DossierStatus>>> = {
  'start-processing': { received: 'in_processing' },
  'request-supplement': { in_processing: 'supplement_requested' },
  supplement: { supplement_requested: 'in_processing' },
  resolve: { in_processing: 'resolved' },
  reject: { received: 'rejected', in_processing: 'rejected', supplement_requested: 'rejected' },
  withdraw: { received: 'withdrawn', in_processing: 'withdrawn', supplement_requested: 'withdrawn' },
};

/** Received Monday 3 March 2025, 10:00 ICT: due at the end of Wednesday 12 March (7 working days). */
function dossier(status: DossierStatus, overrides: Partial<Dossier> = {}): Dossier {
  const receivedAt = ict('2025-03-03T10:00:00');
  return {
    id: '3f0c6b8e-2d7a-4c55-9a51-0b6b3f1e9a10',
    code: 'MT-20250303-000042',
    procedureCode: permit.code,
    unitCode: 'BCHQS-T-01',
    applicantPersonalId: '001099012345',
    status,
    receivedAt,
    dueAt: endOfVietnamDay('2025-03-12'),
    pausedAt: null,
    pausedRemainingDays: null,
    closedAt: null,
    requiredCount: 4,
    prefilledCount: 4,
    facts: permit.requiredFacts.map((type) => ({
      type,
      origin: 'prefilled' as const,
      value: { recorded: true },
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'NPDB/001099012345',
      observedAt: '2025-03-01T00:00:00.000Z',
      factId: `fact-${type}`,
    })),
    documents: ['don-de-nghi'],
    resultFactId: null,
    reason: null,
    origin: APPLICANT_ORIGIN,
    version: 3,
    updatedAt: receivedAt,
    ...overrides,
  };
}

describe('the lifecycle rules: every action from every status', () => {
  for (const action of DOSSIER_ACTIONS) {
    for (const from of DOSSIER_STATUSES) {
      const to = ALLOWED[action][from];
      it(`${action} from ${from}: ${to ?? 'refused'}`, () => {
        const before = dossier(from);
        const now = ict('2025-03-05T09:00:00');
        const request = { reason: 'giấy tờ chưa rõ', officer: 'commune-officer/officer-17' };
        if (to === undefined) {
          expect(() => decide(before, action, request, context(now))).toThrow(
            expect.objectContaining({ code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED', httpStatus: 409 }),
          );
          expect(() => checkAction(before, action, request.reason)).toThrow(
            expect.objectContaining({ code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED' }),
          );
          return;
        }
        checkAction(before, action, request.reason);
        const decision = decide(before, action, request, context(now));
        expect(decision.dossier.status).toBe(to);
        expect(decision.dossier.updatedAt).toEqual(now);
        expect(decision.step).toMatchObject({ from, to, occurredAt: now, reason: 'giấy tờ chưa rõ' });
        expect(decision.step.eventType).toMatch(/^dossier\./);
        // The version is the store's to bump; decide leaves the dossier it was given untouched.
        expect(decision.dossier.version).toBe(3);
        expect(before).toEqual(dossier(from));
      });
    }
  }

  it('records the officer for the handling unit’s actions and `applicant` for the applicant’s', () => {
    const now = ict('2025-03-04T09:00:00');
    const officer = 'commune-officer/officer-17';
    expect(decide(dossier('received'), 'start-processing', { officer }, context(now)).step.actor).toBe(
      officer,
    );
    expect(decide(dossier('received'), 'start-processing', {}, context(now)).step.actor).toBe('officer');
    expect(decide(dossier('received'), 'withdraw', { officer }, context(now)).step.actor).toBe('applicant');
  });

  it('starts processing without touching the clock or emitting facts', () => {
    const before = dossier('received');
    const decision = decide(before, 'start-processing', {}, context(ict('2025-03-04T09:00:00')));
    expect(decision.dossier).toEqual({
      ...before,
      status: 'in_processing',
      updatedAt: ict('2025-03-04T09:00:00'),
    });
    expect(decision.step.eventType).toBe('dossier.processing_started');
    expect(decision.facts).toEqual([]);
  });
});

describe('what an action needs', () => {
  it('refuses a supplement request or a rejection without a reason, before anything is decided', () => {
    for (const action of ['request-supplement', 'reject'] as const) {
      for (const reason of [undefined, '', '  \n ']) {
        expect(() => checkAction(dossier('in_processing'), action, reason)).toThrow(
          expect.objectContaining({ code: 'MOTLAN_VALIDATION_FAILED', field: 'reason' }),
        );
      }
    }
    expect(() => checkAction(dossier('in_processing'), 'resolve', undefined)).not.toThrow();
    // The transition is checked first: a final dossier is refused as such, reason or not.
    expect(() => checkAction(dossier('resolved'), 'reject', undefined)).toThrow(
      expect.objectContaining({ code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED' }),
    );
  });

  it('takes a result on resolve only, and asks for what the officer gives', () => {
    const now = ict('2025-03-05T09:00:00');
    expect(() => resultOf('start-processing', permit, dossier('received'), now, { scope: 'x' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_VALIDATION_FAILED', field: 'result' }),
    );
    expect(resultOf('withdraw', permit, dossier('received'), now, undefined)).toBeUndefined();
    expect(() => resultOf('resolve', permit, dossier('in_processing'), now, { scope: 'x' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_VALIDATION_FAILED', field: 'result.worksRef' }),
    );
  });
});

describe('the clock (README "Deadline rules")', () => {
  it('stops on a supplement request, keeping the working days left after the day of the request', () => {
    const now = ict('2025-03-06T15:00:00'); // Thursday: Fri 7, Mon 10, Tue 11, Wed 12 remain
    const decision = decide(
      dossier('in_processing'),
      'request-supplement',
      { reason: 'ảnh mờ' },
      context(now),
    );
    expect(decision.dossier).toMatchObject({
      status: 'supplement_requested',
      pausedAt: now,
      pausedRemainingDays: 4,
      dueAt: endOfVietnamDay('2025-03-12'),
      reason: 'ảnh mờ',
    });
    expect(decision.facts).toEqual([]);
  });

  it('runs again from the working day after the supplement arrived', () => {
    const paused = dossier('supplement_requested', {
      pausedAt: ict('2025-03-06T15:00:00'),
      pausedRemainingDays: 4,
    });
    const now = ict('2025-03-17T08:00:00'); // Monday: Tue 18 … Fri 21
    const decision = decide(paused, 'supplement', {}, context(now));
    expect(decision.dossier).toMatchObject({
      status: 'in_processing',
      dueAt: endOfVietnamDay('2025-03-21'),
      pausedAt: null,
      pausedRemainingDays: null,
    });
  });

  it('keeps the old due time of a dossier already late when the clock stopped', () => {
    const late = dossier('supplement_requested', {
      pausedAt: ict('2025-03-14T09:00:00'),
      pausedRemainingDays: 0,
    });
    const decision = decide(late, 'supplement', {}, context(ict('2025-03-20T09:00:00')));
    expect(decision.dossier.dueAt).toEqual(endOfVietnamDay('2025-03-12'));
  });

  it('closes on a rejection or a withdrawal at the time of the action', () => {
    const now = ict('2025-03-13T09:00:00');
    for (const action of ['reject', 'withdraw'] as const) {
      const decision = decide(
        dossier('in_processing'),
        action,
        { reason: 'không đủ điều kiện' },
        context(now),
      );
      expect(decision.dossier).toMatchObject({ closedAt: now, reason: 'không đủ điều kiện' });
      expect(decision.facts).toEqual([]);
    }
  });
});

describe('what an action emits', () => {
  it('declares what a supplement hands in, in its entry, after the step; documents kept once', () => {
    const paused = dossier('supplement_requested', {
      pausedAt: ict('2025-03-06T15:00:00'),
      pausedRemainingDays: 4,
    });
    const now = ict('2025-03-07T09:00:00');
    const sex = { sex: 'female' };
    // identity.sex is self-declared here: the applicant corrects it.
    const declared = declareSupplied(
      paused.applicantPersonalId,
      paused.id,
      [{ type: 'identity.sex', value: sex }],
      now,
    );
    const decision = decide(
      paused,
      'supplement',
      { declared, documents: ['don-de-nghi', 'ban-sao-cccd'] },
      context(now),
    );
    expect(decision.dossier.documents).toEqual(['don-de-nghi', 'ban-sao-cccd']);
    const entry = decision.dossier.facts.find((fact) => fact.type === 'identity.sex')!;
    expect(entry).toMatchObject({
      origin: 'supplied',
      value: sex,
      factId: declared[0]!.id,
      sourceSystem: 'one-stop',
    });
    expect(decision.dossier.facts.map((fact) => fact.type)).toEqual(permit.requiredFacts);
    expect(decision.dossier.prefilledCount).toBe(3);
    expect(decision.facts).toEqual([
      { eventType: 'fact.declared', factId: declared[0]!.id, personalId: '001099012345', fact: declared[0] },
    ]);
  });

  it('closes a resolved dossier and emits its result, an authoritative fact of the provincial command', () => {
    const now = ict('2025-03-10T14:00:00');
    const before = dossier('in_processing');
    const result = resultOf('resolve', permit, before, now, {
      worksRef: 'CT-01-007',
      scope: 'khu vực cổng chính',
      validUntil: '2025-12-31',
    });
    const decision = decide(before, 'resolve', { officer: 'bchqs-t-01', result }, context(now));
    expect(decision.dossier).toMatchObject({ status: 'resolved', closedAt: now });
    expect(decision.facts).toHaveLength(1);
    const [emitted] = decision.facts;
    expect(decision.dossier.resultFactId).toBe(emitted!.factId);
    expect(emitted).toMatchObject({ eventType: 'fact.resolved', personalId: '001099012345' });
    expect(emitted!.fact).toMatchObject({
      id: emitted!.factId,
      type: 'defence.special_area_entry_permit',
      provenance: {
        sourceSystem: 'provincial-military-command',
        assurance: 'ASSURANCE_AUTHORITATIVE',
        sourceRecordRef: `dossier/${before.code}`,
        dossierId: before.id,
        validUntil: '2025-12-31',
      },
    });
  });

  it('emits no result for a resolution that has none', () => {
    const decision = decide(dossier('in_processing'), 'resolve', {}, context(ict('2025-03-10T14:00:00')));
    expect(decision.dossier.resultFactId).toBeNull();
    expect(decision.facts).toEqual([]);
  });
});
