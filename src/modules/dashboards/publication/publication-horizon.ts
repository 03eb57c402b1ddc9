import type { Period } from '../../../kernel/period';

/**
 * The latest month whose figures are published: the dashboards' rates compare only months up to
 * it, and leave later ones out instead of reading them as zero exports. The customs service
 * publishes a month around the 15th of the next one, so it is one or two months behind the
 * calendar, and never after the current month.
 *
 * The dashboards ask through this port and do not know who answers: today the read model does
 * (read-model-publication-horizon.ts, the latest month with any figure); the customs import can
 * answer with the latest month an import completed through the same port.
 */
export interface PublicationHorizon {
  /** Null when nothing is published yet. */
  publishedThrough(): Promise<Period | null>;
}

export const PUBLICATION_HORIZON = Symbol('PUBLICATION_HORIZON');
