/**
 * What an applicant types in is declared with the dossier, through its outbox: each dossier fact
 * carries the id of the declared fact of its type, whatever the order supplied (issue 10, part 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@motlan/domain';
import type { DossierView } from '../src/one-stop.ts';
import { citizen, startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.resources.cleanup();
});

describe('facts typed into a dossier', () => {
  it('get the ids of their own declared facts when supplied in another order than the procedure asks', async () => {
    const person = h.mesh.addCitizen(citizen(950));
    // The population database knows neither parent: the applicant types them in.
    h.mesh.facts.get(person.personalId)!.delete('family.father');
    h.mesh.facts.get(person.personalId)!.delete('family.mother');
    const supplied = [
      { type: 'family.mother', value: { fullName: 'Trần Thị Cúc' } },
      { type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } },
      { type: 'family.father', value: { fullName: 'Nguyễn Văn Bình' } },
    ];
    const response = await h.https('POST', '/v1/dossiers', {
      applicant: person.personalId,
      body: {
        procedureCode: '1.004227', // requires father, mother, …, health grade, in that order
        applicant: {
          personalId: person.personalId,
          fullName: person.fullName,
          dateOfBirth: person.dateOfBirth,
        },
        facts: supplied,
      },
    });
    expect(response.status).toBe(201);
    const dossier = response.body as DossierView;
    const declared = (await h.declared()).filter((fact) => fact.provenance!.dossierId === dossier.id);
    expect(declared.map((fact) => fact.type)).toEqual(supplied.map((fact) => fact.type));
    for (const given of supplied) {
      const entry = dossier.facts.find((fact) => fact.type === given.type)!;
      const fact = declared.find((candidate) => candidate.type === given.type)!;
      expect(entry.factId).toBe(fact.id);
      expect(entry.origin).toBe('supplied');
      expect(fact.valueJson).toBe(canonicalJson(given.value));
      expect(entry.value).toEqual(given.value);
    }

    // Applied as the registry applies them, the next procedure reuses them under the same ids.
    await h.applyDeclared();
    const prefill = await h.app.oneStop.prefill(
      {
        procedureCode: '1.004227',
        applicant: {
          personalId: person.personalId,
          fullName: person.fullName,
          dateOfBirth: person.dateOfBirth,
        },
      },
      'next',
    );
    expect(prefill.missing).toEqual([]);
    for (const fact of declared) {
      expect(prefill.prefilled.find((entry) => entry.type === fact.type)?.factId).toBe(fact.id);
    }
  });
});
