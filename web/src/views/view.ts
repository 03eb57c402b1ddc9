import type { LiveFeed } from '../live-feed';
import type { YearMonth } from '../period';
import type { Consistency } from '../queries';
import type { Route, View } from '../route';

/** What a view is given: where it is, and how to tell the page what happened. */
export interface ViewContext {
  readonly route: Route;
  /** The year on screen (the route's, or the latest published one's). */
  readonly year: number;
  readonly current: YearMonth;
  readonly live: LiveFeed;
  navigate(view: View): void;
  /** The figures were read: how fresh they are, and whether the period has any. */
  freshness(report: { publishedThrough: string | null; fresh: boolean | null; rebuild?: string | null }): void;
  empty(isEmpty: boolean): void;
  /** The view finished drawing what arrived. */
  drawn(): void;
}

export interface PageView {
  readonly element: HTMLElement;
  /** Reads the view's figures (at least at `consistency`) and draws them. */
  load(consistency: Consistency | null): Promise<void>;
  dispose(): void;
}
