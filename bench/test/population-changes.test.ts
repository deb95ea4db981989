import { describe, expect, it } from 'vitest';
import { factId } from '@motlan/adapter-kit';
import { contentHash } from '@motlan/domain';
import { firstRecord, moveOf, stampRecord } from '../lib/population-changes.ts';
import { citizenId, type CitizenBlock } from '../lib/synthetic-facts.ts';

const block: CitizenBlock = { provinceCode: '001', year: 1911, sex: 'female' };

describe('population changes', () => {
  it("stamps a record's facts as the population adapter does: authoritative, its record and version, ids from them", () => {
    const record = moveOf(block, 3, 4);
    const [fact, ...others] = stampRecord(record, '2026-12-01T05:00:00.000Z');
    expect(others).toEqual([]);
    const personalId = citizenId(block, 1);
    expect(fact).toMatchObject({
      id: factId('national-population-db', personalId, 'residence.permanent', '3'),
      subject: { personalId },
      type: 'residence.permanent',
      provenance: {
        sourceSystem: 'national-population-db',
        assurance: 'ASSURANCE_AUTHORITATIVE',
        sourceRecordRef: `NPDB/${personalId}`,
        sourceRecordVersion: '3',
        observedAt: '2026-12-01T05:00:00.000Z',
        contentHash: contentHash(JSON.parse(fact!.valueJson)),
      },
    });
  });

  it('moves the citizens round robin, each move a later version with another address than any before it', () => {
    const citizens = 4;
    const seen = new Map<string, { version: number; hashes: Set<string> }>();
    for (let n = 0; n < citizens; n += 1) {
      const first = stampRecord(firstRecord(block, n), '2026-12-01T05:00:00.000Z');
      expect(first.map((fact) => fact.type)).toEqual(['identity.full_name', 'residence.permanent']);
      seen.set(citizenId(block, n), { version: 1, hashes: new Set([first[1]!.provenance!.contentHash]) });
    }
    for (let index = 0; index < citizens * 5; index += 1) {
      const move = moveOf(block, citizens, index);
      expect(move.citizen).toBe(index % citizens);
      const [fact] = stampRecord(move, '2026-12-01T05:00:00.000Z');
      const before = seen.get(move.personalId)!;
      expect(move.version).toBe(before.version + 1);
      expect(before.hashes.has(fact!.provenance!.contentHash)).toBe(false);
      before.version = move.version;
      before.hashes.add(fact!.provenance!.contentHash);
    }
  });
});
