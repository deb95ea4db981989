import { CommonErrors, MotlanError } from '@motlan/errors';
import { requestJson } from './https-json.ts';

/**
 * The demo's fourth step, "Told once: a move": a man the military personnel database holds moves
 * at the population database, and the mesh tells everyone who needs to know — the citizen does
 * nothing. Each step is timed from the move:
 *
 *   1. the new `residence.permanent` fact in the fact registry (population adapter → citizen.facts.v1);
 *   2. the notification the registry made of it for one-stop's subscription (purpose 1.004224);
 *   3. the personnel record's registered commune (`XaDangKy`) updated by the personnel
 *      database's own subscriber;
 *   4. the move-out (1.004224) and move-in (1.004226) dossiers one-stop opened, waiting for the
 *      officers of the two communes.
 *
 * Steps 2–4 are watched at once (each with its own bounded wait), so each time is when that step
 * was first seen, not when an earlier poll ended. A step not seen in time is reported as such
 * and the others still are; only a move the registry never learns stops the story.
 */

/** Where the step looks, and as whom. */
export interface MoveStorySettings {
  /** The mover: a man the personnel database holds (its subscription covers only those). */
  personalId: string;
  /** The population simulator (plain http, its admin routes): `POST /admin/changes`. */
  populationUrl: string;
  /** The personnel simulator (plain http): OAuth2 client credentials, then `/api/v1/ho-so/...`. */
  personnelUrl: string;
  personnelClient: { id: string; secret: string };
  /** The fact registry's REST API and the one-stop REST API (https, mutual TLS). */
  registryUrl: string;
  oneStopUrl: string;
  ca?: Buffer;
  /** The handling units' system: reads the residence (for 1.004224) and the opened dossiers. */
  officer: { cert: Buffer; key: Buffer };
  /** one-stop's own certificate: a subscriber reads its own notifications at the registry. */
  subscriber?: { cert: Buffer; key: Buffer };
  /** The dossiers opened for this applicant since `since` (ids), as the one-stop store holds them. */
  findOpened: (personalId: string, since: Date) => Promise<string[]>;
  /** The bound of each wait, ms (default 60 s). */
  waitMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export interface MoveStep {
  what: string;
  /** Milliseconds from the move at the population database; null when not seen in time. */
  afterMs: number | null;
  detail: string;
}

export interface MoveStory {
  personalId: string;
  /** The permanent residence before the move, as the registry served it. */
  fromResidence: unknown;
  /** Its commune as recorded (an address in pre-2025 units keeps its old code; the unit is today's). */
  fromWard: string;
  toWard: string;
  steps: MoveStep[];
  dossiers: { id: string; code: string; procedureCode: string; unitCode: string; status: string }[];
}

const PURPOSE = '1.004224';
const POLL_MS = 250;

interface RestFact {
  id: string;
  type: string;
  value: { wardCode?: string; provinceCode?: string };
}

export async function runMoveStory(settings: MoveStorySettings): Promise<MoveStory> {
  const log = settings.log ?? (() => undefined);
  const now = settings.now ?? Date.now;
  const waitMs = settings.waitMs ?? 60_000;
  const tls = (identity: { cert: Buffer; key: Buffer }) => ({
    ...(settings.ca ? { ca: settings.ca } : {}),
    cert: identity.cert,
    key: identity.key,
  });
  const id = encodeURIComponent(settings.personalId);
  const residence = async (): Promise<RestFact | undefined> => {
    const answer = await requestJson(
      `${settings.registryUrl}/v1/citizens/${id}/facts?types=residence.permanent&purpose=${PURPOSE}`,
      tls(settings.officer),
    );
    if (answer.status !== 200) throw refused('the registry', answer);
    return (answer.body as { facts: RestFact[] }).facts.find((fact) => fact.type === 'residence.permanent');
  };

  const before = await residence();
  if (!before) {
    throw new MotlanError(
      CommonErrors.unavailable,
      `The registry holds no permanent residence of ${settings.personalId} yet (is the initial sync done?)`,
    );
  }
  log(`4. Told once: a move. ${settings.personalId}, registered for military service, moves house.`);
  const movedAt = now();
  const since = new Date(movedAt - 1_000);
  const moved = await fetch(`${settings.populationUrl}/admin/changes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'CHUYEN_NOI_O', personalId: settings.personalId }),
  });
  if (!moved.ok) {
    throw new MotlanError(
      CommonErrors.unavailable,
      `POST ${settings.populationUrl}/admin/changes → ${moved.status}: ${await moved.text()}`,
    );
  }
  const entry = ((await moved.json()) as { changes: { BanGhi: { ThuongTru: { MaXa: string } } }[] })
    .changes[0]!;
  const toWard = entry.BanGhi.ThuongTru.MaXa;
  const fromWard = before.value.wardCode ?? '?';
  log(`   The population database records the move: commune ${fromWard} → ${toWard}.`);
  const elapsed = () => now() - movedAt;
  const registeredCommune = personnelReader(settings);

  const fact = await poll(async () => {
    const current = await residence();
    return current && current.id !== before.id && current.value.wardCode === toWard ? current : undefined;
  }, waitMs);
  if (!fact) {
    throw new MotlanError(
      CommonErrors.deadlineExceeded,
      `Waited ${waitMs} ms for the registry to learn the move (is the population adapter's change feed running?)`,
    );
  }
  const steps: MoveStep[] = [
    { what: 'residence fact in the registry', afterMs: elapsed(), detail: `fact ${fact.id}` },
  ];
  log(`   ${steps[0]!.afterMs} ms: the registry holds the new residence (${fact.id}).`);

  const [notification, personnel, dossierIds] = await Promise.all([
    settings.subscriber
      ? watch(() => notificationOf(settings, tls(settings.subscriber!), fact.id), waitMs, elapsed)
      : Promise.resolve(undefined),
    watch(() => registeredCommune(toWard), waitMs, elapsed),
    watch(
      async () => {
        const ids = await settings.findOpened(settings.personalId, since);
        return ids.length >= 2 ? ids : undefined;
      },
      waitMs,
      elapsed,
    ),
  ]);

  steps.push({
    what: 'notification to one-stop',
    afterMs: notification?.afterMs ?? null,
    detail: notification
      ? `${notification.value.id}, recorded ${notification.value.changedAt}`
      : settings.subscriber
        ? `not seen within ${waitMs} ms (GET /v1/subscriptions/{id}/notifications)`
        : 'not watched (no subscriber certificate)',
  });
  steps.push({
    what: 'personnel record updated',
    afterMs: personnel?.afterMs ?? null,
    detail: personnel
      ? `XaDangKy ${personnel.value}`
      : `registered commune not ${toWard} within ${waitMs} ms (is the personnel simulator's subscriber running?)`,
  });
  const dossiers = dossierIds
    ? await Promise.all(
        dossierIds.value.map((dossierId) => readDossier(settings, tls(settings.officer), dossierId)),
      )
    : [];
  steps.push({
    what: 'dossiers opened',
    afterMs: dossierIds?.afterMs ?? null,
    detail: dossierIds
      ? dossiers
          .map((dossier) => `${dossier.code} ${dossier.procedureCode} at ${dossier.unitCode}`)
          .join(', ')
      : `none within ${waitMs} ms (is one-stop's moves consumer running, and its subscription held?)`,
  });
  for (const step of steps.slice(1)) {
    log(`   ${step.afterMs === null ? 'not seen' : `${step.afterMs} ms`}: ${step.what} — ${step.detail}.`);
  }
  return { personalId: settings.personalId, fromResidence: before.value, fromWard, toWard, steps, dossiers };
}

/** The story as a table: each step, when it was seen after the move, and what was seen. */
export function moveTable(story: MoveStory): string {
  const rows = [
    ['step', 'after the move', 'seen'],
    ...story.steps.map((step) => [
      step.what,
      step.afterMs === null ? 'not seen' : `${step.afterMs} ms`,
      step.detail,
    ]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ');
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

async function notificationOf(
  settings: MoveStorySettings,
  tls: { ca?: Buffer; cert: Buffer; key: Buffer },
  factId: string,
): Promise<{ id: string; changedAt: string } | undefined> {
  const get = async <T>(path: string): Promise<T | undefined> => {
    const answer = await requestJson(`${settings.registryUrl}${path}`, tls);
    return answer.status === 200 ? (answer.body as T) : undefined;
  };
  const held = await get<{ subscriptions: { id: string; purpose: string }[] }>('/v1/subscriptions');
  const subscription = held?.subscriptions.find((candidate) => candidate.purpose === PURPOSE);
  if (!subscription) return undefined;
  let after = '';
  for (;;) {
    const page = await get<{
      notifications: { id: string; fact: { id: string }; changedAt: string }[];
      next: string;
    }>(
      `/v1/subscriptions/${subscription.id}/notifications?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    if (!page) return undefined;
    const found = page.notifications.find((notification) => notification.fact.id === factId);
    if (found) return { id: found.id, changedAt: found.changedAt };
    if (page.notifications.length === 0 || !page.next || page.next === after) return undefined;
    after = page.next;
  }
}

/**
 * Reads the personnel record's registered commune, answering it when it is `ward`; fetches an
 * OAuth2 token (client credentials) first and again after a 401 (tokens expire, and die with a
 * restart of the simulator).
 */
function personnelReader(settings: MoveStorySettings): (ward: string) => Promise<string | undefined> {
  let token: string | undefined;
  return async (ward) => {
    if (!token) {
      const answer = await fetch(`${settings.personnelUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${settings.personnelClient.id}:${settings.personnelClient.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      if (!answer.ok) return undefined;
      token = ((await answer.json()) as { access_token: string }).access_token;
    }
    const answer = await fetch(
      `${settings.personnelUrl}/api/v1/ho-so/theo-so-dinh-danh/${encodeURIComponent(settings.personalId)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (answer.status === 401) token = undefined; // expired: a new one on the next poll
    if (!answer.ok) return undefined;
    const commune = ((await answer.json()) as { HoSo: { XaDangKy: string } }).HoSo.XaDangKy;
    return commune === ward ? commune : undefined;
  };
}

async function readDossier(
  settings: MoveStorySettings,
  tls: { ca?: Buffer; cert: Buffer; key: Buffer },
  dossierId: string,
): Promise<MoveStory['dossiers'][number]> {
  const answer = await requestJson(`${settings.oneStopUrl}/v1/dossiers/${dossierId}`, tls);
  if (answer.status !== 200) throw refused('one-stop', answer);
  return answer.body as MoveStory['dossiers'][number];
}

function refused(what: string, answer: { status: number; body: unknown }): MotlanError {
  const problem = (answer.body ?? {}) as { code?: string; detail?: string };
  return new MotlanError(
    answer.status >= 500 ? CommonErrors.unavailable : CommonErrors.conflict,
    `${what} answered ${answer.status} ${problem.code ?? ''}: ${problem.detail ?? JSON.stringify(answer.body)}`,
  );
}

/** `check` every 250 ms until it answers, for at most `waitMs`; undefined when it never did. */
async function poll<T>(check: () => Promise<T | undefined>, waitMs: number): Promise<T | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** `poll`, with when (ms after the move) the value was first seen. */
async function watch<T>(
  check: () => Promise<T | undefined>,
  waitMs: number,
  elapsed: () => number,
): Promise<{ value: T; afterMs: number } | undefined> {
  const value = await poll(check, waitMs);
  return value === undefined ? undefined : { value, afterMs: elapsed() };
}
