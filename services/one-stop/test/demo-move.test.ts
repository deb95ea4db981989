import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { moveTable, runMoveStory, type MoveStorySettings } from '../src/cli/demo-move.ts';

const ID = '001099000777';
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A plain-http stand-in answering JSON from `route`. */
async function serve(
  route: (method: string, path: string, request: IncomingMessage) => { status?: number; body: unknown },
): Promise<string> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const answer = route(request.method ?? 'GET', request.url ?? '/', request);
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The mesh as the demo sees it, each part learning the move a little after the population
 * database recorded it; `personnelUpdates: false` plays a personnel simulator without a subscriber.
 */
async function world(options: { personnelUpdates: boolean }) {
  let movedAt = 0;
  const after = (ms: number) => movedAt > 0 && Date.now() - movedAt >= ms;
  const residence = (id: string, wardCode: string) => ({
    id,
    type: 'residence.permanent',
    value: { provinceCode: '01', wardCode },
  });
  const populationUrl = await serve((method, path) => {
    expect([method, path]).toEqual(['POST', '/admin/changes']);
    movedAt = Date.now();
    return { body: { changes: [{ BanGhi: { ThuongTru: { MaXa: '00667' } } }] } };
  });
  const registryUrl = await serve((_method, path) => {
    if (path.startsWith(`/v1/citizens/${ID}/facts`)) {
      return {
        body: { facts: [after(300) ? residence('fact-new', '00667') : residence('fact-old', '00004')] },
      };
    }
    if (path === '/v1/subscriptions')
      return { body: { subscriptions: [{ id: 'sub-1', purpose: '1.004224' }] } };
    if (path.startsWith('/v1/subscriptions/sub-1/notifications')) {
      return {
        body: {
          notifications: after(500)
            ? [{ id: 'note-1', fact: { id: 'fact-new' }, changedAt: '2026-12-01T05:00:00.000Z' }]
            : [],
          next: '',
        },
      };
    }
    return { status: 404, body: {} };
  });
  const personnelUrl = await serve((method, path, request) => {
    if (method === 'POST' && path === '/oauth/token') {
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from('motlan-dev:secret').toString('base64')}`,
      );
      return { body: { access_token: 'token-1' } };
    }
    if (request.headers.authorization !== 'Bearer token-1') return { status: 401, body: {} };
    return { body: { HoSo: { XaDangKy: options.personnelUpdates && after(700) ? '00667' : '00004' } } };
  });
  const oneStopUrl = await serve((_method, path) => {
    const id = path.split('/').at(-1)!;
    return {
      body: {
        id,
        code: `MT-20261201-00000${id === 'out' ? 1 : 2}`,
        procedureCode: id === 'out' ? '1.004224' : '1.004226',
        unitCode: id === 'out' ? 'BCHQS-X-00004' : 'BCHQS-X-00667',
        status: 'received',
      },
    };
  });
  const settings: MoveStorySettings = {
    personalId: ID,
    populationUrl,
    personnelUrl,
    personnelClient: { id: 'motlan-dev', secret: 'secret' },
    registryUrl,
    oneStopUrl,
    officer: { cert: Buffer.from(''), key: Buffer.from('') },
    subscriber: { cert: Buffer.from(''), key: Buffer.from('') },
    findOpened: async () => (after(600) ? ['out', 'in'] : []),
    waitMs: 3_000,
  };
  return settings;
}

describe('the demo step "Told once: a move"', () => {
  it('times each step from the move: the fact, the notification, the personnel record, the two dossiers', async () => {
    const story = await runMoveStory(await world({ personnelUpdates: true }));
    expect(story).toMatchObject({ personalId: ID, fromWard: '00004', toWard: '00667' });
    expect(story.steps.map((step) => step.what)).toEqual([
      'residence fact in the registry',
      'notification to one-stop',
      'personnel record updated',
      'dossiers opened',
    ]);
    const [fact, notification, personnel, dossiers] = story.steps.map((step) => step.afterMs!);
    expect(fact).toBeGreaterThanOrEqual(300);
    expect(notification).toBeGreaterThanOrEqual(500);
    expect(personnel).toBeGreaterThanOrEqual(700);
    expect(dossiers).toBeGreaterThanOrEqual(600);
    expect(story.steps[1]!.detail).toContain('note-1');
    expect(story.dossiers.map((dossier) => [dossier.procedureCode, dossier.unitCode])).toEqual([
      ['1.004224', 'BCHQS-X-00004'],
      ['1.004226', 'BCHQS-X-00667'],
    ]);
    expect(moveTable(story)).toContain('dossiers opened');
  });

  it('reports a step not seen within its wait and still shows the others', async () => {
    const story = await runMoveStory(await world({ personnelUpdates: false }));
    const personnel = story.steps.find((step) => step.what === 'personnel record updated')!;
    expect(personnel.afterMs).toBeNull();
    expect(personnel.detail).toContain('within 3000 ms');
    expect(story.steps.find((step) => step.what === 'dossiers opened')!.afterMs).not.toBeNull();
    expect(story.dossiers).toHaveLength(2);
    expect(moveTable(story)).toContain('not seen');
  });
});
