import type { Client } from '@elastic/elasticsearch';
import type { ProjectableEvent } from './projections/projectable-event';
import { TouchedScopes } from './domain/summary-scopes';
import type { IndexSet } from './elasticsearch/read-model-indexes';
import { NO_NAMES_VERSION, type NamesVersion } from './elasticsearch/names-version';
import { ReadModelLookups } from './projections/read-model-lookups';
import { projectCountries } from './projections/countries/country-writer';
import { projectFacts } from './projections/facts/fact-writer';
import { projectProducts } from './projections/products/product-writer';
import { malformation } from './projections/read-model-event-types';
import { SummaryRecompute } from './summaries/summary-recompute';
import type { AlertNotice } from './projections/alerts/alert-document';
import type { AnomalyAlerts } from './projections/alerts/anomaly-alerts';
import { projectThresholdAlerts } from './projections/alerts/threshold-alert-writer';

export interface BatchOutcome {
  readonly events: number;
  /** Events refused for their shape (see malformation), with the reason; nothing of them was applied. */
  readonly malformed: readonly { event: ProjectableEvent; problem: string }[];
  readonly factsApplied: number;
  readonly factsAlreadyApplied: number;
  readonly summaryScopes: number;
  readonly summaryRetries: number;
  /** Threshold alerts this batch opened, moved or closed (nothing is sent from here: see AlertNotices). */
  readonly alerts: readonly AlertNotice[];
}

export interface ApplyOptions {
  /**
   * `now`: recompute the batch's summaries before returning (tests, a rebuild's catch-up).
   * `queued`: return the touched summaries for the caller to queue (see DirtySummaries); the facts
   * are not refreshed here, the summary flush refreshes them first (the live consumers).
   * `deferred`: nothing about summaries at all; a rebuild computes them once, at the end.
   */
  readonly summaries?: 'now' | 'queued' | 'deferred';
}

/**
 * The read model's one entry point for events, from a shard consumer, the fan-out consumer or a
 * replay of the log: idempotent and order-safe per statistic, so duplicates, redeliveries and any
 * interleaving of shards converge to the same documents. No side effects besides the indexes:
 * nothing here notifies anyone, so replays never alert: alert changes are returned, and only the
 * live consumer passes them on.
 */
export class ReadModelProjection {
  private readonly lookups: ReadModelLookups;
  private readonly summaries: SummaryRecompute;

  private readonly names: NamesVersion;

  constructor(
    private readonly client: Client,
    options: {
      names?: NamesVersion;
      clock?: () => Date;
      beforeWrite?: (summaries: 'months' | 'years') => Promise<void>;
      /** Anomaly alerts evaluated with the summaries; none without. */
      anomalies?: AnomalyAlerts;
    } = {},
  ) {
    this.names = options.names ?? NO_NAMES_VERSION;
    this.lookups = new ReadModelLookups(client);
    this.summaries = new SummaryRecompute(client, this.lookups, options.clock, options.beforeWrite, options.anomalies ?? null);
  }

  async applyBatch(input: readonly ProjectableEvent[], indexes: IndexSet, options: ApplyOptions = {}): Promise<BatchOutcome & { touched: TouchedScopes }> {
    const malformed = input.flatMap((event) => {
      const problem = malformation(event);
      return problem ? [{ event, problem }] : [];
    });
    const events = malformed.length > 0 ? input.filter((event) => malformation(event) === null) : input;
    // Reference data first: a statistic event then finds its names, and a country or catalogue
    // event's follow-up already sees the facts of this batch on the next recomputation.
    const touched = new TouchedScopes();
    const mode = options.summaries ?? 'now';
    const follow = mode === 'deferred' ? 'names-only' : 'scopes';
    touched.merge(await projectCountries(this.client, this.lookups, this.names, indexes, events, follow));
    touched.merge(await projectProducts(this.client, this.lookups, this.names, indexes, events, follow));
    const facts = await projectFacts(this.client, this.lookups, indexes, events, this.names, mode === 'now');
    touched.merge(facts.touched);
    const alerts = await projectThresholdAlerts(this.client, indexes, events);
    const retries = mode === 'now' ? await this.summaries.recompute(indexes, touched) : 0;
    return {
      events: events.length,
      malformed,
      factsApplied: facts.applied,
      factsAlreadyApplied: facts.alreadyApplied,
      summaryScopes: touched.size,
      summaryRetries: retries,
      alerts,
      touched,
    };
  }

  /**
   * Forgets the country and product names (and archive flags) kept between batches. They are kept
   * under the names counter, which every country event moves, so this is only a belt to those braces.
   */
  forgetCachedNames(): void {
    this.lookups.forgetFactNames();
  }

  /** Recomputes the given summaries from the facts (a flush of queued summaries, a rebuild's last step, a repair). */
  recompute(indexes: IndexSet, touched: TouchedScopes): Promise<number> {
    return this.summaries.recomputeFromFacts(indexes, touched);
  }
}
