/** NFC, trimmed, every run of whitespace made one space: the form names are stored and compared in. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}
