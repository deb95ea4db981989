import type { ApplicantContext, DossierCaller } from '../domain/callers.ts';
import { applicantsOwn, checkUnit, found } from '../domain/dossier-access.ts';
import type { Dossier, HistoryStep, Rating } from '../domain/dossier.ts';
import { dossierView, type DossierView } from '../domain/dossier-view.ts';
import type { ProcedureCatalog } from '../domain/procedure-catalog.ts';
import type { WorkingCalendar } from '../domain/working-calendar.ts';
import type { DossierStore } from '../store/dossier-store.ts';

/** Finding a dossier for a caller, and answering it as a view with its history and rating. */
export class DossierReader {
  constructor(
    private readonly deps: { store: DossierStore; catalog: ProcedureCatalog; calendar: WorkingCalendar },
  ) {}

  /**
   * A dossier as `caller` may see it: a portal only its applicant's (else 403
   * MOTLAN_NOT_THE_APPLICANT, whether or not the dossier exists), an officer only its units'
   * (else 403 MOTLAN_OFFICER_NOT_ALLOWED; 404 when there is no such dossier).
   */
  async get(idOrCode: string, caller: DossierCaller): Promise<DossierView> {
    const dossier = await this.findFor(idOrCode, caller.role === 'applicant' ? caller : undefined);
    if (caller.role === 'officer') checkUnit(dossier, caller);
    return this.view(dossier);
  }

  /** The dossier, if `applicant` (when given: a portal acting for them) is its applicant. */
  async findFor(idOrCode: string, applicant: ApplicantContext | undefined): Promise<Dossier> {
    const dossier = await this.deps.store.find(idOrCode);
    return applicant ? applicantsOwn(dossier, applicant, idOrCode) : found(dossier, idOrCode);
  }

  /** The dossier as it is now, by id or code (404 if none). */
  async read(idOrCode: string): Promise<DossierView> {
    return this.view(found(await this.deps.store.find(idOrCode), idOrCode));
  }

  async view(dossier: Dossier): Promise<DossierView> {
    const [steps, rating] = await Promise.all([
      this.deps.store.history(dossier.id),
      this.deps.store.rating(dossier.id),
    ]);
    return this.viewOf(dossier, steps, rating ?? null);
  }

  viewOf(dossier: Dossier, steps: readonly HistoryStep[], rating: Rating | null): DossierView {
    return dossierView(dossier, steps, rating, {
      procedureName: this.deps.catalog.nameOf(dossier.procedureCode),
      calendar: this.deps.calendar,
    });
  }
}
