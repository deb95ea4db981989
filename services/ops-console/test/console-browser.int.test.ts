/**
 * The console in a real browser (Debian's Chromium, driven by playwright-core) against a mesh of
 * real processes on the shared Kafka and PostgreSQL, and the same console tried from outside:
 * without a session, with a foreign certificate, and a redrive POST without the console's Origin.
 * On a failure the page is kept as a screenshot under services/ops-console/.artifacts/ (named in
 * the failure).
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '@motlan/domain';
import { createEventProducer, Headers, Topics } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import {
  clientTls,
  eventually,
  readTopic,
  startMesh,
  TestResources,
  uniqueName,
  type ClientTls,
  type Mesh,
} from '@motlan/testkit';
import { consolePages } from '../src/pages/index.ts';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const resources = new TestResources();
let mesh: Mesh;
let browser: Browser;
let consoleUrl: string;
let factsTopic: string;
let poisonId: string;
let populationFact: Fact__Output;
const PERSONAL_ID = '001099012345';
/** A citizen whose name the population and the military databases spell differently. */
const DISAGREED = '001090000101';

/** A full name as a source adapter publishes it (the population's authoritative, the military's verified). */
function sourceFact(source: string, full: string): Fact__Output {
  const words = full.split(' ');
  const value = { family: words[0], middle: words.slice(1, -1).join(' '), given: words.at(-1), full };
  return {
    id: uniqueName('fact'),
    subject: { personalId: DISAGREED },
    type: 'identity.full_name',
    valueJson: canonicalJson(value),
    provenance: {
      sourceSystem: source,
      assurance: source === 'national-population-db' ? 'ASSURANCE_AUTHORITATIVE' : 'ASSURANCE_VERIFIED',
      sourceRecordRef: `${source}/${DISAGREED}`,
      sourceRecordVersion: '1',
      observedAt: new Date().toISOString(),
      validFrom: '',
      validUntil: '',
      dossierId: '',
      contentHash: contentHash(value),
    },
  };
}

/** A full name without its `middle` part: the registry refuses the value and dead-letters the fact. */
function poisonFact(): Fact__Output {
  const name = { family: 'Nguyễn', given: 'An' };
  const value = JSON.stringify(name);
  return {
    id: uniqueName('fact'),
    subject: { personalId: PERSONAL_ID },
    type: 'identity.full_name',
    valueJson: value,
    provenance: {
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'NPDB-1',
      sourceRecordVersion: '1',
      observedAt: new Date().toISOString(),
      validFrom: '',
      validUntil: '',
      dossierId: '',
      contentHash: contentHash(name),
    },
  };
}

beforeAll(async () => {
  mesh = await startMesh(resources, 'console', { seedPeople: 5, opsConsole: true });
  consoleUrl = mesh.opsConsole!.url;
  factsTopic = mesh.topicPrefix + Topics.citizenFacts.name;
  const producer = await createEventProducer(resources.kafka, 'ops-console-test');
  resources.defer(() => producer.disconnect());
  const [sent] = await producer.publish({ ...Topics.citizenFacts, name: factsTopic }, [
    { key: PERSONAL_ID, value: poisonFact(), eventType: 'fact.recorded' },
  ]);
  poisonId = sent!.eventId;
  populationFact = sourceFact('national-population-db', 'Nguyễn Văn Hùng');
  await producer.publish({ ...Topics.citizenFacts, name: factsTopic }, [
    {
      key: DISAGREED,
      value: populationFact,
      eventType: 'fact.recorded',
    },
    {
      key: DISAGREED,
      value: sourceFact('military-personnel-db', 'Nguyễn Văn Hùg'),
      eventType: 'fact.recorded',
    },
  ]);
  await eventually(async () => {
    const { rows } = await mesh.registryPool.query(
      "SELECT 1 FROM discrepancies WHERE subject = $1 AND state = 'open'",
      [DISAGREED],
    );
    return rows.length > 0 ? true : undefined;
  }, 60_000);
  // The registry of the mesh refuses it and dead-letters it with its reason.
  await eventually(async () => {
    const letters = await readTopic(resources.kafka, `${factsTopic}.dlq`, 1, 1_000);
    return letters.length > 0 ? true : undefined;
  }, 60_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  resources.defer(() => browser.close());
}, 300_000);

afterAll(async () => {
  await resources.cleanup();
});

/** Runs `steps` on a fresh page; on failure keeps a screenshot and names it in the error. */
async function inBrowser(name: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  try {
    await steps(page);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}${name}-${Date.now()}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    (error as Error).message += `\n(screenshot: ${file}, at ${page.url()})`;
    throw error;
  } finally {
    await context.close();
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${consoleUrl}/sign-in#token=${mesh.opsConsole!.token}`);
  await page.waitForURL(`${consoleUrl}/topics`);
  expect(await page.textContent('#operator')).toBe(mesh.opsConsole!.operator);
}

describe("the operators' console in Chromium", { timeout: 120_000 }, () => {
  it('sends a stranger to sign in, signs in with the operator token, and shows a record decoded with its schema, masked', async () => {
    await inBrowser('decoded-record', async (page) => {
      await page.goto(`${consoleUrl}/lag`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signIn(page);
      await page.click('a[href="/topics/citizen.facts.v1"]');
      const row = page.locator('#records tbody tr', { hasText: poisonId });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('code.schema').textContent()).toBe('motlan.common.v1.Fact');
      expect(await row.textContent()).not.toContain(PERSONAL_ID);
      // Asking for personal values shows them, and is audited under the operator's name.
      await page.click('#unmask');
      await expect.poll(() => page.locator('#records tbody tr', { hasText: PERSONAL_ID }).count()).toBe(1);
      const { rows } = await mesh.opsConsole!.pool.query(
        "SELECT client, subject FROM audit_log WHERE purpose = 'ops-console.tail-unmasked'",
      );
      expect(rows).toEqual([{ client: 'ops-console:tester', subject: 'citizen.facts.v1' }]);
    });
  });

  it('shows lag per group and partition, and charts it', async () => {
    await inBrowser('lag', async (page) => {
      await signIn(page);
      await page.goto(`${consoleUrl}/lag`);
      const registry = page.locator('#lag tbody tr', { hasText: 'fact-registry' });
      await expect.poll(() => registry.count()).toBeGreaterThan(0);
      await page.waitForSelector('#chart .uplot');
      expect(Number(await page.getAttribute('#chart', 'data-samples'))).toBeGreaterThan(0);
    });
  });

  it('shows the dead letter with its reason, redrives it, and it arrives back on its source topic (audited)', async () => {
    await inBrowser('redrive', async (page) => {
      await signIn(page);
      await page.goto(`${consoleUrl}/dead-letters`);
      const row = page.locator('#dead-letters tbody tr', { hasText: poisonId });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain('MOTLAN_FACT_VALUE_INVALID');
      expect(await row.textContent()).toContain('identity.full_name is invalid at /middle');
      await row.locator('button', { hasText: 'Redrive' }).click();
      const done = await page.locator('#redriven li').textContent();
      const written = /at (\d+):(\d+)$/.exec(done ?? '');
      expect(written, done ?? '').not.toBeNull();
      // The poison fact, the two disagreeing names, and the poison fact again.
      const back = await readTopic(resources.kafka, factsTopic, 4, 15_000);
      const again = back.find((m) => m.partition === Number(written![1]) && m.offset === written![2]);
      expect(again?.headers?.[Headers.eventId]?.toString()).toBe(poisonId);
      const { rows } = await mesh.opsConsole!.pool.query(
        "SELECT client FROM audit_log WHERE purpose = 'ops-console.redrive'",
      );
      expect(rows).toEqual([{ client: 'ops-console:tester' }]);
    });
  });

  it('shows breakers, quarantine, an open discrepancy (masked) and the audit chains from the mesh', async () => {
    await inBrowser('other-pages', async (page) => {
      await signIn(page);
      await page.goto(`${consoleUrl}/breakers`);
      expect(
        await page.locator('#breakers tbody tr', { hasText: 'population-adapter' }).first().textContent(),
      ).toMatch(/closed|no breaker exported/);
      await page.goto(`${consoleUrl}/quarantine`);
      expect(await page.locator('h2', { hasText: 'population-adapter' }).textContent()).toBe(
        'population-adapter: 0 open',
      );
      await page.goto(`${consoleUrl}/discrepancies`);
      const open = page.locator('#open-discrepancies tbody tr', { hasText: 'identity.full_name' });
      expect(await open.count()).toBe(1);
      expect(await open.textContent()).toContain('military-personnel-db ↔ national-population-db');
      expect(await open.textContent()).not.toContain(DISAGREED);
      await page.goto(`${consoleUrl}/audit`);
      // The console's own chain holds the redrive and the unmask of the tests above.
      const own = page.locator('#audit tbody tr', { hasText: mesh.opsConsole!.schema });
      expect(await own.textContent()).toContain('intact');
    });
  });
});

/** A request with a raw body answer (the pages are HTML). */
function call(
  url: string,
  options: { method?: string; tls: ClientTls; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; location?: string; type?: string; cookie?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.tls.ca,
        ...(options.tls.cert ? { cert: options.tls.cert, key: options.tls.key } : {}),
        headers: options.headers ?? {},
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ...(response.headers.location ? { location: response.headers.location } : {}),
            ...(response.headers['content-type'] ? { type: response.headers['content-type'] } : {}),
            ...(response.headers['set-cookie'] ? { cookie: response.headers['set-cookie'].join('\n') } : {}),
            body,
          }),
        );
      },
    );
    sent.on('error', reject);
    if (options.body) sent.write(options.body);
    sent.end();
  });
}

describe("the operators' console in Chromium: lineage", { timeout: 120_000 }, () => {
  it("finds a fact's lineage, masked, hash recomputed, and audits the look-up", async () => {
    await inBrowser('lineage', async (page) => {
      await signIn(page);
      await page.click('a[href="/lineage"]');
      await page.fill('input[name="fact"]', populationFact.id);
      await page.click('button:has-text("Look up")');
      const table = page.locator('#lineage');
      expect(await table.locator('tr', { hasText: 'type' }).first().textContent()).toContain(
        'identity.full_name',
      );
      expect(await table.locator('tr', { hasText: 'content hash' }).textContent()).toContain('matches');
      expect(await table.textContent()).toContain('national-population-db');
      expect(await table.textContent()).not.toContain(DISAGREED);
      const { rows } = await mesh.opsConsole!.pool.query(
        "SELECT client, subject, fact_types FROM audit_log WHERE purpose = 'ops-console.lineage'",
      );
      expect(rows).toEqual([
        {
          client: 'ops-console:tester',
          subject: `fact ${populationFact.id}`,
          fact_types: ['identity.full_name'],
        },
      ]);
    });
  });
});

describe("the operators' console in Chromium: trace", { timeout: 120_000 }, () => {
  it('traces a dossier code through ops-cli, says when the mesh kept nothing of it, and audits the look-up', async () => {
    const code = 'MT-20261201-999999';
    await inBrowser('trace', async (page) => {
      await signIn(page);
      await page.click('a[href="/trace"]');
      await page.fill('input[name="target"]', code);
      await page.click('button:has-text("Trace")');
      expect(await page.textContent('#trace-missing')).toContain(`dossier ${code}`);
      const { rows } = await mesh.opsConsole!.pool.query(
        "SELECT client, subject FROM audit_log WHERE purpose = 'ops-console.trace'",
      );
      expect(rows).toEqual([{ client: 'ops-console:tester', subject: code }]);
    });
  });
});

describe('the console from outside', () => {
  const pages = [
    '/',
    ...consolePages.map((page) => page.path),
    '/topics/citizen.facts.v1',
    '/topics/citizen.facts.v1?unmask=true',
    `/lineage?fact=00000000-0000-4000-8000-000000000000`,
  ];
  const api = ['/api/topics/citizen.facts.v1/records', '/api/lag/history'];

  it('without a session: every page redirects to sign-in, every API route answers 401 problem+json', async () => {
    const tls = { ca: clientTls().ca };
    for (const path of pages) {
      const answer = await call(`${consoleUrl}${path}`, { tls });
      expect([answer.status, answer.location], path).toEqual([303, '/sign-in']);
    }
    for (const path of api) {
      const answer = await call(`${consoleUrl}${path}`, { tls });
      expect([answer.status, answer.type], path).toEqual([401, 'application/problem+json; charset=utf-8']);
      expect(JSON.parse(answer.body).code, path).toBe('MOTLAN_CONSOLE_SIGN_IN_REQUIRED');
    }
    for (const path of ['/api/dead-letters/redrive', '/dead-letters/redrive']) {
      const answer = await call(`${consoleUrl}${path}`, {
        method: 'POST',
        tls,
        headers: { origin: consoleUrl, 'content-type': 'application/json' },
        body: JSON.stringify({ topic: 'citizen.facts.v1', all: true }),
      });
      expect(answer.status, path).toBe(path.startsWith('/api') ? 401 : 303);
    }
    // A wrong token opens no session.
    const refused = await call(`${consoleUrl}/sign-in`, {
      method: 'POST',
      tls,
      headers: { origin: consoleUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=not-the-token-of-anybody-at-all',
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a certificate of a foreign CA, and one of our CA that is not an operator, on every route', async () => {
    for (const [who, tls] of [
      ['foreign CA', clientTls('rogue')],
      ['our CA, a service', clientTls('one-stop')],
    ] as const) {
      for (const path of [...pages, ...api]) {
        const answer = await call(`${consoleUrl}${path}`, { tls });
        expect([answer.status, JSON.parse(answer.body).code], `${who} ${path}`).toEqual([
          401,
          'MOTLAN_CONSOLE_CERTIFICATE_REFUSED',
        ]);
      }
    }
    // The operator's own certificate of the development PKI is let in without a token.
    const operator = await call(`${consoleUrl}/api/topics/citizen.facts.v1/records?limit=50`, {
      tls: clientTls('operator'),
    });
    expect(operator.status).toBe(200);
    const { masked, records } = JSON.parse(operator.body) as {
      masked: boolean;
      records: { headers: Record<string, string>; decodedWith: string; key: string }[];
    };
    const poison = records.find((r) => r.headers[Headers.eventId] === poisonId);
    expect([masked, poison?.decodedWith, poison?.key]).toEqual([
      true,
      'motlan.common.v1.Fact',
      '001*********',
    ]);
  });

  it('refuses a redrive POST without the console’s Origin, even from a signed-in operator, and redrives nothing', async () => {
    const tls = { ca: clientTls().ca };
    const signIn = await call(`${consoleUrl}/sign-in`, {
      method: 'POST',
      tls,
      headers: { origin: consoleUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${mesh.opsConsole!.token}`,
    });
    expect(signIn.status).toBe(303);
    const cookie = /motlan_console_session=[^;]+/.exec(signIn.cookie ?? '')![0];
    const before = (await readTopic(resources.kafka, factsTopic, 100, 3_000)).length;
    for (const origin of [undefined, 'https://evil.example']) {
      const answer = await call(`${consoleUrl}/api/dead-letters/redrive`, {
        method: 'POST',
        tls,
        headers: { cookie, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify({ topic: 'citizen.facts.v1', all: true }),
      });
      expect([answer.status, JSON.parse(answer.body).code], String(origin)).toEqual([
        403,
        'MOTLAN_CONSOLE_CROSS_ORIGIN',
      ]);
    }
    expect((await readTopic(resources.kafka, factsTopic, 100, 3_000)).length).toBe(before);
  });
});
