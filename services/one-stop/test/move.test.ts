import { describe, expect, it } from 'vitest';
import { loadProcedureCatalog } from '../src/catalog-data.ts';
import {
  decideMove,
  meshOrigin,
  MOVE_IN_PROCEDURE,
  MOVE_OUT_PROCEDURE,
  type NotifiedChange,
} from '../src/domain/move.ts';
import { prefill, type KnownFact } from '../src/domain/prefill.ts';
import type { SubscriptionInfo, Subscriptions } from '../src/mesh/ports.ts';
import { ensureMoveSubscription } from '../src/use-cases/move-subscription.ts';
import { MoveSubscriptionKeeper } from '../src/events/moves-consumer.ts';
import { createLogger } from '@motlan/logger';
import { eventually } from '@motlan/testkit';

const catalog = loadProcedureCatalog();
const procedures = { moveOut: catalog.get(MOVE_OUT_PROCEDURE), moveIn: catalog.get(MOVE_IN_PROCEDURE) };
const address = (wardCode: string, detail = 'Số 1 phố Hàng Bài') => ({
  provinceCode: '01',
  wardCode,
  detail,
  unitsVersion: 'current-2025',
});
const change = (overrides: Partial<NotifiedChange> = {}): NotifiedChange => ({
  notificationId: 'b6f1c8a2-0d0e-4f7e-9d37-5b8c0f9a1e01',
  personalId: '001099000001',
  factType: 'residence.permanent',
  value: address('00007'),
  supersedesFactId: 'fact-old',
  previousValue: address('00004'),
  ...overrides,
});

describe('decideMove: a change of permanent residence from one commune to another', () => {
  it('opens the move-out at the commune left and the move-in at the commune arrived in', () => {
    expect(decideMove(change(), procedures)).toEqual({
      open: true,
      moveOutUnit: 'BCHQS-X-00004',
      moveInUnit: 'BCHQS-X-00007',
    });
  });

  it('opens nothing for a move within the same commune (another street)', () => {
    const within = change({ value: address('00004', 'Số 9 phố Tràng Tiền') });
    expect(decideMove(within, procedures)).toEqual({ open: false, why: 'same-commune' });
  });

  it('opens nothing for a first fact (nothing superseded): a registration, not a move', () => {
    expect(decideMove(change({ supersedesFactId: '', previousValue: undefined }), procedures)).toEqual({
      open: false,
      why: 'first-fact',
    });
  });

  it('opens nothing when the superseded value cannot be read', () => {
    expect(decideMove(change({ previousValue: undefined }), procedures)).toEqual({
      open: false,
      why: 'previous-unknown',
    });
  });

  it('opens nothing for another fact type', () => {
    expect(decideMove(change({ factType: 'residence.current' }), procedures)).toEqual({
      open: false,
      why: 'not-a-residence-change',
    });
  });
});

describe('meshOrigin: what a dossier the mesh opens still waits for', () => {
  const fact = (type: string): KnownFact => ({
    factId: `fact-${type}`,
    type,
    value: {},
    sourceSystem: 'national-population-db',
    assurance: 'ASSURANCE_AUTHORITATIVE',
    sourceRecordRef: 'NPDB/001099000001',
    observedAt: '2026-01-01T00:00:00.000Z',
    dossierId: '',
  });
  const population = [
    'identity.full_name',
    'identity.date_of_birth',
    'residence.permanent',
    'residence.current',
  ];

  it('move-out: the registration certificate is replaced by military.service_registration when the registry holds it', () => {
    const held = prefill(procedures.moveOut, [...population, 'military.service_registration'].map(fact));
    expect(meshOrigin(procedures.moveOut, held, 'n-1', 'in-1')).toEqual({
      channel: 'notification',
      notificationId: 'n-1',
      linkedDossierId: 'in-1',
      missingFacts: [],
      documentsAwaited: [],
    });
  });

  it('move-out without that fact: the fact is missing and the certificate is asked of the citizen', () => {
    const origin = meshOrigin(
      procedures.moveOut,
      prefill(procedures.moveOut, population.map(fact)),
      'n-1',
      'in-1',
    );
    expect(origin.missingFacts).toEqual(['military.service_registration']);
    expect(origin.documentsAwaited).toEqual([
      { code: 'giay-chung-nhan-dang-ky', name: expect.any(String), from: 'citizen' },
    ]);
  });

  it("move-in: the introduction letter is the linked move-out dossier's result", () => {
    const held = prefill(procedures.moveIn, [...population, 'military.service_registration'].map(fact));
    expect(meshOrigin(procedures.moveIn, held, 'n-1', 'out-1').documentsAwaited).toEqual([
      { code: 'giay-gioi-thieu-di-chuyen', name: expect.any(String), from: 'linked-dossier-result' },
    ]);
  });
});

describe('ensureMoveSubscription', () => {
  function registry(held: SubscriptionInfo[] = []) {
    const created: { purpose: string; factTypes: readonly string[] }[] = [];
    const subscriptions: Subscriptions = {
      list: async () => [...held],
      createKafka: async (purpose, factTypes) => {
        created.push({ purpose, factTypes });
        const subscription = {
          id: `s-${held.length + 1}`,
          purpose,
          factTypes: [...factTypes],
          delivery: 'DELIVERY_KAFKA',
          topic: 't',
        };
        held.push(subscription);
        return subscription;
      },
    };
    return { subscriptions, created };
  }

  it('creates the residence subscription for 1.004224 over Kafka when one-stop holds none, then keeps it', async () => {
    const { subscriptions, created } = registry();
    expect((await ensureMoveSubscription(subscriptions)).created).toBe(true);
    expect(created).toEqual([{ purpose: '1.004224', factTypes: ['residence.permanent'] }]);
    const again = await ensureMoveSubscription(subscriptions);
    expect(again).toMatchObject({ created: false, subscription: { id: 's-1' } });
    expect(created).toHaveLength(1);
  });

  it('does not count a subscription of another delivery or purpose', async () => {
    const { subscriptions, created } = registry([
      {
        id: 'g',
        purpose: '1.004224',
        factTypes: ['residence.permanent'],
        delivery: 'DELIVERY_GRPC_STREAM',
        topic: '',
      },
      {
        id: 'p',
        purpose: '1.004226',
        factTypes: ['residence.permanent'],
        delivery: 'DELIVERY_KAFKA',
        topic: 't',
      },
    ]);
    expect((await ensureMoveSubscription(subscriptions)).created).toBe(true);
    expect(created).toHaveLength(1);
  });
});

describe('MoveSubscriptionKeeper', () => {
  it('tries again in the background while the registry cannot answer, then holds the subscription', async () => {
    let failures = 2;
    const created: string[] = [];
    const subscriptions: Subscriptions = {
      list: async () => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('UNAVAILABLE: the registry is starting');
        }
        return [];
      },
      createKafka: async (purpose, factTypes) => {
        created.push(purpose);
        return { id: 's-1', purpose, factTypes: [...factTypes], delivery: 'DELIVERY_KAFKA', topic: 't' };
      },
    };
    const keeper = new MoveSubscriptionKeeper({
      subscriptions,
      logger: createLogger({ name: 'test', level: 'silent' }),
      retryMs: 10,
    });
    keeper.start();
    await eventually(async () => (created.length > 0 ? true : undefined), 5_000, 10);
    await keeper.stop();
    expect(failures).toBe(0);
    expect(created).toEqual(['1.004224']);
  });

  it('stops trying when stopped', async () => {
    let calls = 0;
    const subscriptions: Subscriptions = {
      list: async () => {
        calls += 1;
        throw new Error('UNAVAILABLE');
      },
      createKafka: async () => {
        throw new Error('not reached');
      },
    };
    const keeper = new MoveSubscriptionKeeper({
      subscriptions,
      logger: createLogger({ name: 'test', level: 'silent' }),
      retryMs: 10,
    });
    keeper.start();
    await eventually(async () => (calls >= 2 ? true : undefined), 5_000, 5);
    await keeper.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(after);
  });
});
