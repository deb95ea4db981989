import { CommonErrors, MotlanError } from '@motlan/errors';
import type { ProcedureCatalog } from '../domain/procedure-catalog.ts';
import { buildReport, type Report, type ReportCounts } from '../domain/report.ts';

export interface ReportQuery {
  from: Date;
  to: Date;
  procedureCode?: string | undefined;
  unitCode?: string | undefined;
}

/** Counts per procedure and unit for a period, as of `asOf` (PostgreSQL: `reportCounts`). */
export type ReportCountsSource = (query: ReportQuery & { asOf: Date }) => Promise<ReportCounts[]>;

/** The Ministry's figures for a period: counted as of its end, or now for a period not over yet. */
export class Reports {
  constructor(
    private readonly deps: { catalog: ProcedureCatalog; counts: ReportCountsSource; now: () => Date },
  ) {}

  async report(query: ReportQuery): Promise<Report> {
    if (!(query.from < query.to)) {
      throw new MotlanError(CommonErrors.validation, 'from must be before to', { field: 'from' });
    }
    if (query.procedureCode) this.deps.catalog.get(query.procedureCode, 'procedure');
    const now = this.deps.now();
    const asOf = query.to < now ? query.to : now;
    const counts = await this.deps.counts({ ...query, asOf });
    return buildReport({ from: query.from, to: query.to, asOf }, counts, (code) =>
      this.deps.catalog.nameOf(code),
    );
  }
}
