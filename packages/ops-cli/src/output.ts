/** What a command prints: `json` under --json (one JSON document on stdout), else `text`. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** The run's exit code when the command ran but its answer is "no" (audit verify: broken); 0 by default. */
  exitCode?: number;
}

/** Left-aligned columns under a header row, for the text output. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Retention as a person reads it: `forever` for -1, else days or hours. */
export function retentionText(ms: string | undefined): string {
  if (ms === undefined) return 'broker default';
  const value = Number(ms);
  if (value < 0) return 'forever';
  const hours = value / 3_600_000;
  return hours >= 24 && hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}
