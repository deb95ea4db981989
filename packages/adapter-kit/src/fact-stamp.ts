import { createHash } from 'node:crypto';
import { canonicalJson, contentHash, validateFactValue } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from './contract.ts';

/**
 * A fact's id is derived from what it is — source, subject, type and source record version — so
 * the same record version always yields the same id. Replays, restarts and a change seen both by
 * the bulk sync and the change feed therefore publish the same event id, and consumers apply it once.
 */
export function factId(sourceSystem: string, subject: string, type: string, version: string): string {
  const hex = createHash('sha256').update(`${sourceSystem}\n${subject}\n${type}\n${version}`).digest('hex');
  // Formatted as an RFC 9562 version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Turns one upstream record into canonical facts with full provenance, validated against the catalog. */
export function stampFacts<R>(adapter: SourceAdapter<R>, record: R, observedAt: string): Fact__Output[] {
  const subject = adapter.subjectOf(record);
  const version = adapter.versionOf(record);
  const reference = adapter.referenceOf(record);
  return adapter.toFacts(record).map((draft) => {
    const value = validateFactValue(draft.type, draft.value);
    return {
      id: factId(adapter.sourceSystem, subject, draft.type, version),
      subject: { personalId: subject },
      type: draft.type,
      valueJson: canonicalJson(value),
      provenance: {
        sourceSystem: adapter.sourceSystem,
        assurance: draft.assurance ?? 'ASSURANCE_AUTHORITATIVE',
        sourceRecordRef: reference,
        sourceRecordVersion: version,
        observedAt,
        validFrom: draft.validFrom ?? '',
        validUntil: draft.validUntil ?? '',
        dossierId: '',
        contentHash: contentHash(value),
      },
    };
  });
}
