import { randomUUID } from 'node:crypto';
import type { Fact__Output } from '@motlan/proto';

export function sampleFact(personalId = '001099012345'): Fact__Output {
  return {
    id: randomUUID(),
    subject: { personalId },
    type: 'identity.full_name',
    valueJson: JSON.stringify({ family: 'Nguyễn', middle: 'Văn', given: 'An' }),
    provenance: {
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'NPDB-1',
      sourceRecordVersion: '1',
      observedAt: new Date().toISOString(),
      validFrom: '',
      validUntil: '',
      dossierId: '',
      contentHash: 'abc',
    },
  };
}
