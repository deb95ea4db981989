/**
 * Reports over a period, per procedure and unit, whose counts match the dossiers made here
 * (a fresh schema: no other dossier counts).
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTls } from '@motlan/testkit';
import type { DossierAction } from '../src/domain/lifecycle.ts';
import { citizen, issuedMilitaryCode, startHarness, type Harness } from './harness.ts';

let h: Harness;
const ict = (local: string) => new Date(`${local}+07:00`);
let serial = 700;

async function at<T>(local: string, work: () => Promise<T>): Promise<T> {
  h.clock.now = ict(local);
  return work();
}

async function receive(local: string, procedureCode = '1.004227') {
  const person = h.mesh.addCitizen(citizen((serial += 1)));
  return at(local, () =>
    h.app.oneStop.submit(
      {
        procedureCode,
        applicant: {
          personalId: person.personalId,
          fullName: person.fullName,
          dateOfBirth: person.dateOfBirth,
        },
        ...(procedureCode === '1.004227'
          ? { facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-02-01' } }] }
          : { documents: ['don-de-nghi', 'so-do-vi-tri'] }),
      },
      'report',
    ),
  );
}

/**
 * A GET over https presenting the certificate of `client` (any client of our CA may read
 * reports; `null` presents none). The body as text: reports also answer CSV.
 */
function get(path: string, client: string | null = 'operator') {
  const tls = client === null ? clientTls() : clientTls(client);
  return new Promise<{ statusCode: number; type: string; body: string; json(): unknown }>(
    (resolve, reject) => {
      const req = request(`${h.httpsUrl}${path}`, tls, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? '',
            body,
            json: () => JSON.parse(body) as unknown,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

async function act(id: string, local: string, action: DossierAction, reason?: string) {
  // Every dossier resolved here is a first registration: its result carries the code issued.
  const input = reason ? { reason } : action === 'resolve' ? { result: issuedMilitaryCode() } : {};
  return at(local, () => h.app.oneStop.act(id, action, input, 'report'));
}

beforeAll(async () => {
  h = await startHarness();
  const a = await receive('2025-03-03T09:00:00');
  await act(a.id, '2025-03-03T10:00:00', 'start-processing');
  await act(a.id, '2025-03-04T10:00:00', 'resolve'); // due 4 March: on time
  await at('2025-03-05T09:00:00', () => h.app.oneStop.rate(a.id, { score: 5 }, 'r'));
  const b = await receive('2025-03-03T09:30:00');
  await act(b.id, '2025-03-03T10:00:00', 'start-processing');
  await act(b.id, '2025-03-06T10:00:00', 'resolve'); // late
  await at('2025-03-07T09:00:00', () => h.app.oneStop.rate(b.id, { score: 3, comment: 'chậm' }, 'r'));
  const c = await receive('2025-03-05T09:00:00');
  await act(c.id, '2025-03-05T11:00:00', 'reject', 'không thuộc diện'); // a result, on time
  const d = await receive('2025-03-10T09:00:00');
  await act(d.id, '2025-03-11T09:00:00', 'withdraw');
  await receive('2025-03-20T09:00:00'); // still open on 1 April, due 21 March: past its limit
  await receive('2025-03-25T09:00:00', '2.002101'); // 15 working days: due 15 April, within
  const g = await receive('2025-02-25T09:00:00'); // received before, resolved in the period, late
  await act(g.id, '2025-02-25T10:00:00', 'start-processing');
  await act(g.id, '2025-03-03T08:00:00', 'resolve');
  await receive('2025-04-02T09:00:00'); // after the period
  h.clock.now = ict('2025-04-05T09:00:00');
});

afterAll(async () => {
  await h.resources.cleanup();
});

describe('dossier reports', () => {
  it('counts received, resolved on time and late, in progress, once-only and satisfaction per procedure and unit', async () => {
    const response = await get('/v1/reports/dossiers?from=2025-03-01&to=2025-04-01');
    expect(response.statusCode).toBe(200);
    const report = response.json() as { lines: Record<string, unknown>[]; total: Record<string, unknown> };
    expect(report.lines).toHaveLength(2);
    expect(report.lines[0]).toMatchObject({
      procedureCode: '1.004227',
      unitCode: 'BCHQS-X-00004',
      received: 5,
      resolved: 4,
      rejected: 1,
      resolvedOnTime: 2,
      resolvedLate: 2,
      withdrawn: 1,
      inProgressWithinLimit: 0,
      inProgressPastLimit: 1,
      onTimeRate: 0.5,
      requiredFacts: 45,
      prefilledFacts: 40,
      onceOnlyRate: 0.8889,
      ratings: 2,
      averageRating: 4,
      ratingDistribution: [0, 0, 1, 0, 1],
    });
    expect(report.lines[1]).toMatchObject({
      procedureCode: '2.002101',
      unitCode: 'BCHQS-T-01',
      received: 1,
      resolved: 0,
      onTimeRate: null,
      inProgressWithinLimit: 1,
      inProgressPastLimit: 0,
      onceOnlyRate: 1,
    });
    expect(report.total).toMatchObject({
      received: 6,
      resolved: 4,
      resolvedOnTime: 2,
      inProgressPastLimit: 1,
    });
  });

  it('filters by procedure and unit', async () => {
    const report = await h.app.oneStop.report({
      from: ict('2025-03-01T00:00:00'),
      to: ict('2025-04-01T00:00:00'),
      unitCode: 'BCHQS-T-01',
    });
    expect(report.lines.map((line) => line.procedureCode)).toEqual(['2.002101']);
    const none = await get('/v1/reports/dossiers?from=2025-03-01&to=2025-04-01&procedure=9.999999');
    expect(none.json()).toMatchObject({ code: 'MOTLAN_UNKNOWN_PROCEDURE', field: 'procedure' });
    const backwards = await get('/v1/reports/dossiers?from=2025-04-01&to=2025-03-01');
    expect(backwards.statusCode).toBe(400);
  });

  it('answers CSV', async () => {
    const response = await get('/v1/reports/dossiers?from=2025-03-01&to=2025-04-01&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.type).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^procedureCode,procedureName,unitCode,received,resolved,resolvedOnTime,resolvedLate/,
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^1\.004227,Đăng ký nghĩa vụ quân sự lần đầu,BCHQS-X-00004,5,4,2,2,1,1,0,1,0\.5,45,40,0\.8889,2,4$/,
    );
    expect(lines[3]).toMatch(/^\*,Tổng cộng,\*,6,4,2,2,/);
  });

  it('needs a client certificate from our CA: 401 without one', async () => {
    const url = '/v1/reports/dossiers?from=2025-03-01&to=2025-04-01';
    for (const answer of [
      await get(url, null),
      await get(url, 'rogue'),
      await h.app.http.inject({ method: 'GET', url }),
    ]) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({ code: 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED' });
    }
    // Any client of our CA, not only the handling units: the figures name no citizen.
    expect((await get(url, 'commune-officer')).statusCode).toBe(200);
  });
});
