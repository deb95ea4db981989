/** Raw counts of one (procedure, unit) for a period. */
export interface ReportCounts {
  procedureCode: string;
  unitCode: string;
  received: number;
  /** Finished with a result in the period: resolved or rejected (both are "giải quyết"). */
  resolved: number;
  rejected: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawn: number;
  inProgressWithinLimit: number;
  inProgressPastLimit: number;
  /** Required facts of the dossiers received in the period, and how many were prefilled. */
  requiredFacts: number;
  prefilledFacts: number;
  ratings: number;
  ratingSum: number;
  /** How many ratings gave 1, 2, 3, 4, 5. */
  ratingDistribution: number[];
}

export interface ReportLine extends ReportCounts {
  procedureName: string;
  /** resolvedOnTime / resolved; null when nothing was resolved. */
  onTimeRate: number | null;
  /** prefilledFacts / requiredFacts: the share of facts the citizen did not have to type. */
  onceOnlyRate: number | null;
  averageRating: number | null;
}

export interface Report {
  from: string;
  to: string;
  asOf: string;
  lines: ReportLine[];
  total: ReportLine;
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function line(counts: ReportCounts, procedureName: string): ReportLine {
  return {
    ...counts,
    procedureName,
    onTimeRate: rate(counts.resolvedOnTime, counts.resolved),
    onceOnlyRate: rate(counts.prefilledFacts, counts.requiredFacts),
    averageRating: counts.ratings === 0 ? null : Math.round((counts.ratingSum / counts.ratings) * 100) / 100,
  };
}

export function buildReport(
  period: { from: Date; to: Date; asOf: Date },
  counts: readonly ReportCounts[],
  nameOf: (code: string) => string,
): Report {
  const sum = (pick: (row: ReportCounts) => number) => counts.reduce((total, row) => total + pick(row), 0);
  const total: ReportCounts = {
    procedureCode: '*',
    unitCode: '*',
    received: sum((row) => row.received),
    resolved: sum((row) => row.resolved),
    rejected: sum((row) => row.rejected),
    resolvedOnTime: sum((row) => row.resolvedOnTime),
    resolvedLate: sum((row) => row.resolvedLate),
    withdrawn: sum((row) => row.withdrawn),
    inProgressWithinLimit: sum((row) => row.inProgressWithinLimit),
    inProgressPastLimit: sum((row) => row.inProgressPastLimit),
    requiredFacts: sum((row) => row.requiredFacts),
    prefilledFacts: sum((row) => row.prefilledFacts),
    ratings: sum((row) => row.ratings),
    ratingSum: sum((row) => row.ratingSum),
    ratingDistribution: [0, 1, 2, 3, 4].map((index) => sum((row) => row.ratingDistribution[index] ?? 0)),
  };
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    asOf: period.asOf.toISOString(),
    lines: counts.map((row) => line(row, nameOf(row.procedureCode))),
    total: line(total, 'Tổng cộng'),
  };
}

const CSV_COLUMNS: (keyof ReportLine)[] = [
  'procedureCode',
  'procedureName',
  'unitCode',
  'received',
  'resolved',
  'resolvedOnTime',
  'resolvedLate',
  'rejected',
  'withdrawn',
  'inProgressWithinLimit',
  'inProgressPastLimit',
  'onTimeRate',
  'requiredFacts',
  'prefilledFacts',
  'onceOnlyRate',
  'ratings',
  'averageRating',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as CSV (RFC 4180): one line per procedure and unit, then the total. */
export function reportCsv(report: Report): string {
  const rows = [...report.lines, report.total].map((row) =>
    CSV_COLUMNS.map((column) => csvCell(row[column])).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
