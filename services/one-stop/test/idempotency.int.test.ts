/**
 * POST /v1/dossiers is safe to retry with an Idempotency-Key: the same key and body answer the
 * first answer and create nothing again (also when the retries race the first call); the same key
 * with another body is refused 422 and changes nothing; keys are per calling client and the applicant it acts for.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER } from '@motlan/http';
import { citizen, startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.resources.cleanup();
});

const healthGrade = { type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } };

function submission(n: number, facts: object[] = [healthGrade]) {
  const person = h.mesh.citizens.get(citizen(n).personalId) ?? h.mesh.addCitizen(citizen(n));
  return {
    procedureCode: '1.004227',
    applicant: { personalId: person.personalId, fullName: person.fullName, dateOfBirth: person.dateOfBirth },
    facts,
  };
}

/** The portal submitting for the body's applicant, with an Idempotency-Key if given. */
async function submit(body: ReturnType<typeof submission>, key?: string) {
  const response = await h.https('POST', '/v1/dossiers', {
    applicant: body.applicant.personalId,
    body,
    ...(key === undefined ? {} : { headers: { [IDEMPOTENCY_KEY_HEADER]: key } }),
  });
  return { status: response.status, body: response.body as { id: string; code: string } & object };
}

async function counts() {
  return {
    dossiers: await h.count('dossiers'),
    outbox: await h.count('outbox'),
    keys: Number(
      (await h.pool.query<{ n: string }>('SELECT count(*) AS n FROM idempotency_keys')).rows[0]!.n,
    ),
  };
}

describe('Idempotency-Key on POST /v1/dossiers', () => {
  it('answers a retry with the first answer and creates nothing again', async () => {
    const key = randomUUID();
    const first = await submit(submission(901), key);
    expect(first.status).toBe(201);
    const after = await counts();
    const again = await submit(submission(901), key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await counts()).toEqual(after);
    // The same body without the key is another submission.
    const unkeyed = await submit(submission(901));
    expect(unkeyed.status).toBe(201);
    expect(unkeyed.body.id).not.toBe(first.body.id);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const key = randomUUID();
    expect((await submit(submission(902), key)).status).toBe(201);
    const before = await counts();
    const other = await submit(
      submission(902, [{ type: 'military.health_grade', value: { grade: 2, assessedAt: '2025-03-01' } }]),
      key,
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'MOTLAN_IDEMPOTENCY_KEY_REUSED',
      field: `headers.${IDEMPOTENCY_KEY_HEADER}`,
    });
    expect(await counts()).toEqual(before);
  });

  it('creates one dossier for retries racing the first call', async () => {
    const key = randomUUID();
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit(submission(903), key)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await counts()).toEqual({
      dossiers: before.dossiers + 1,
      outbox: before.outbox + 2, // its event and its declared health grade
      keys: before.keys + 1,
    });
  });

  it('keeps the keys of different applicants apart', async () => {
    const key = randomUUID();
    const one = await submit(submission(904), key);
    const another = await submit(submission(907), key);
    expect(one.status).toBe(201);
    expect(another.status).toBe(201);
    expect(another.body.id).not.toBe(one.body.id);
  });

  it('does not remember a refusal: a corrected retry with the same key is received', async () => {
    const key = randomUUID();
    const before = await counts();
    const refused = await submit(submission(905, []), key); // the health grade is missing
    expect(refused.status).toBe(422);
    expect(await counts()).toEqual(before);
    expect((await submit(submission(905), key)).status).toBe(201);
  });

  it('refuses a malformed key with a 400 naming the header, and documents the header', async () => {
    const before = await counts();
    const bad = await submit(submission(906), 'not a key');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED' });
    expect(JSON.stringify(bad.body)).toContain(IDEMPOTENCY_KEY_HEADER);
    expect(await counts()).toEqual(before);
    const spec = (await h.app.http.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }>;
    };
    expect(spec.paths['/v1/dossiers']?.post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: IDEMPOTENCY_KEY_HEADER, in: 'header' })]),
    );
  });
});
