import { contentHash, isAssurance } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';

const PERSONAL_ID = /^\d{12}$/;

/**
 * What is missing or wrong in one fact's provenance (architecture.md, "Data model: the fact"):
 * an id, the subject, the source system the adapter names, an assurance, the source record's
 * reference and version, when it was observed (ISO 8601) and the content hash of the value.
 * Empty when complete.
 */
export function provenanceProblems(fact: Fact__Output, sourceSystem: string): string[] {
  const problems: string[] = [];
  const p = fact.provenance;
  if (!fact.id) problems.push('no fact id');
  if (!PERSONAL_ID.test(fact.subject?.personalId ?? '')) problems.push('no 12-digit subject');
  if (!p) return [...problems, 'no provenance'];
  if (p.sourceSystem !== sourceSystem)
    problems.push(`sourceSystem "${p.sourceSystem}" is not "${sourceSystem}"`);
  if (!isAssurance(p.assurance)) problems.push(`assurance "${String(p.assurance)}" is not a known assurance`);
  if (!p.sourceRecordRef) problems.push('no sourceRecordRef');
  if (!p.sourceRecordVersion) problems.push('no sourceRecordVersion');
  if (!p.observedAt || Number.isNaN(Date.parse(p.observedAt))) problems.push('no ISO observedAt');
  let value: unknown;
  try {
    value = JSON.parse(fact.valueJson);
  } catch {
    return [...problems, 'valueJson is not JSON'];
  }
  if (p.contentHash !== contentHash(value)) problems.push("contentHash is not the value's hash");
  return problems;
}
