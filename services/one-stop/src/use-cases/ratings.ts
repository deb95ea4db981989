import type { ApplicantContext } from '../domain/callers.ts';
import type { DossierView } from '../domain/dossier-view.ts';
import { alreadyRated, checkRatable, ratingStep } from '../domain/rating.ts';
import { recordStep } from '../events/outbox-events.ts';
import type { DossierStore } from '../store/dossier-store.ts';
import type { DossierReader } from './dossier-reader.ts';

export interface RatingsDeps {
  store: DossierStore;
  reader: DossierReader;
  now: () => Date;
  /** Called after a commit that wrote outbox events (wakes the relay). */
  onCommitted: () => void;
}

/** The citizen's satisfaction with a resolved dossier: a history step and a `dossier.rated` event, once. */
export class Ratings {
  constructor(private readonly deps: RatingsDeps) {}

  /**
   * A citizen's satisfaction (1–5) with a resolved dossier; once per dossier (else 409
   * MOTLAN_DOSSIER_ALREADY_RATED). `applicant`: the one a portal acts for, who must be the
   * dossier's (absent: a trusted internal caller).
   */
  async rate(
    idOrCode: string,
    rating: { score: number; comment?: string | undefined },
    requestId: string,
    applicant?: ApplicantContext,
  ): Promise<DossierView> {
    const dossier = await this.deps.reader.findFor(idOrCode, applicant);
    checkRatable(dossier);
    const now = this.deps.now();
    const rated = await this.deps.store.rate(
      dossier.id,
      { score: rating.score, comment: rating.comment ?? null, ratedAt: now },
      (locked, sequence) => {
        const { step, event } = recordStep(locked, ratingStep(now), sequence, requestId, rating.score);
        return { step, events: [event] };
      },
    );
    if (!rated) throw alreadyRated(dossier);
    this.deps.onCommitted();
    return this.deps.reader.read(dossier.id);
  }
}
