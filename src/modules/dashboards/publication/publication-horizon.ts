import type { Period } from '../../../kernel/period';

/**
 * The latest month whose figures are published: the dashboards' rates compare only months up to
 * it, and leave later ones out instead of reading them as zero exports. The customs service
 * publishes a month around the 15th of the next one, so it is one or two months behind the
 * calendar, and never after the current month.
 *
 * The dashboards' queries ask through this port; import-first-publication-horizon.ts answers it
 * (the customs import's month, else the read model's, see ADR 0007).
 */
export interface PublicationHorizon {
  /** Null when nothing is published yet. */
  publishedThrough(): Promise<Period | null>;
}

export const PUBLICATION_HORIZON = Symbol('PUBLICATION_HORIZON');
