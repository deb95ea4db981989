import type { ApplicantContext, DossierCaller } from './domain/callers.ts';
import type { DossierView } from './domain/dossier-view.ts';
import type { DossierAction } from './domain/lifecycle.ts';
import type { ProcedureCatalog } from './domain/procedure-catalog.ts';
import type { Report } from './domain/report.ts';
import type { WorkingCalendar } from './domain/working-calendar.ts';
import type { ApplicantVerifier, FactStore } from './mesh/ports.ts';
import type { DossierStore } from './store/dossier-store.ts';
import { DossierReader } from './use-cases/dossier-reader.ts';
import { Intake, type IdempotencyKey, type SubmitRequest } from './use-cases/intake.ts';
import { Lifecycle, type ActionInput } from './use-cases/lifecycle.ts';
import { Ratings } from './use-cases/ratings.ts';
import { Reports, type ReportCountsSource, type ReportQuery } from './use-cases/reports.ts';

export type { Applicant } from './domain/applicant.ts';
export type { DossierView } from './domain/dossier-view.ts';
export type { IdempotencyKey, PrefillAnswer } from './use-cases/intake.ts';
export type { ActionInput } from './use-cases/lifecycle.ts';

export interface OneStopDeps {
  store: DossierStore;
  reportCounts: ReportCountsSource;
  catalog: ProcedureCatalog;
  calendar: WorkingCalendar;
  verifier: ApplicantVerifier;
  facts: FactStore;
  /**
   * Source system written in result facts' provenance, e.g. `commune-military-command`, unless the
   * procedure's result template names its own.
   */
  resultSourceSystem: string;
  now?: () => Date;
  /** Called after a commit that wrote outbox events (wakes the relay). */
  onCommitted?: () => void;
}

/**
 * The one-stop shop's use cases over one store: intake (prefill, submit), reading, the lifecycle,
 * ratings and reports. Every change commits with its events (outbox) in one transaction.
 */
export class OneStop {
  readonly catalog: ProcedureCatalog;
  private readonly reader: DossierReader;
  private readonly intake: Intake;
  private readonly lifecycle: Lifecycle;
  private readonly ratings: Ratings;
  private readonly reports: Reports;

  constructor(deps: OneStopDeps) {
    const now = deps.now ?? (() => new Date());
    const onCommitted = deps.onCommitted ?? (() => undefined);
    const { store, catalog, calendar } = deps;
    this.catalog = catalog;
    this.reader = new DossierReader({ store, catalog, calendar });
    const common = { store, reader: this.reader, catalog, calendar, now, onCommitted };
    this.intake = new Intake({ ...common, verifier: deps.verifier, facts: deps.facts });
    this.lifecycle = new Lifecycle({
      ...common,
      facts: deps.facts,
      resultSourceSystem: deps.resultSourceSystem,
    });
    this.ratings = new Ratings(common);
    this.reports = new Reports({ catalog, counts: deps.reportCounts, now });
  }

  prefill(...args: Parameters<Intake['prefill']>) {
    return this.intake.prefill(...args);
  }

  submit(request: SubmitRequest, requestId: string, idempotency?: IdempotencyKey): Promise<DossierView> {
    return this.intake.submit(request, requestId, idempotency);
  }

  get(idOrCode: string, caller: DossierCaller): Promise<DossierView> {
    return this.reader.get(idOrCode, caller);
  }

  act(idOrCode: string, action: DossierAction, input: ActionInput, requestId: string): Promise<DossierView> {
    return this.lifecycle.act(idOrCode, action, input, requestId);
  }

  rate(
    idOrCode: string,
    rating: { score: number; comment?: string | undefined },
    requestId: string,
    applicant?: ApplicantContext,
  ): Promise<DossierView> {
    return this.ratings.rate(idOrCode, rating, requestId, applicant);
  }

  report(query: ReportQuery): Promise<Report> {
    return this.reports.report(query);
  }
}
