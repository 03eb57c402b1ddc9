import type { Client } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { Period } from '../../../kernel/period';
import type { CodeNames, CountryView } from '../domain/denormalized-names';
import type { MonthFigures } from '../domain/summary-figures';
import { monthlyTrendId, parseScope, TouchedScopes } from '../domain/summary-scopes';
import { bulkWrite, casCondition, multiGet, refresh, type WriteOp } from '../elasticsearch/es-bulk';
import type { IndexSet } from '../elasticsearch/read-model-indexes';
import type { ReadModelLookups } from '../projections/read-model-lookups';
import { rollUpCountryYear } from '../projections/country-summaries/country-summary.projector';
import { summarizeMonth } from '../projections/monthly-trends/monthly-trend.projector';
import { aggregatePeriods } from './period-aggregation';
import type { AnomalyAlerts } from '../projections/alerts/anomaly-alerts';
import { rollUpProductYear } from '../projections/product-summaries/product-summary.projector';
import { readMonthFigures, readYearDocuments, yearDocumentTarget } from './year-summary-reads';

const MAX_ATTEMPTS = 25;

/**
 * Recomputes summaries under compare-and-set, which converges however many shards recompute the
 * same document at once:
 *
 *   1. read each document's seq_no (absent counts as a value: the write is then a `create`);
 *   2. only then read the inputs: the refreshed facts (or monthly documents), the active flags, names;
 *   3. write with if_seq_no/if_primary_term; a 409 means someone wrote after step 1: go to 1.
 *
 * Every writer of an input recomputes after its input is refreshed. If our write wins, nobody
 * wrote since our step 1, and any input written before another writer's recomputation is seen by
 * that writer, who then fails its own CAS or reads after us. So the last write always saw every input.
 *
 * A year summary is updated, not rolled up anew: step 1 also reads the twelve months it holds,
 * step 2 the refreshed monthly documents of the months just recomputed, and those replace theirs.
 * Every monthly write is followed by such an update of its month (its marks stay queued until
 * then, see DirtySummaries), so by the argument above the last update of a month read it after
 * its last write. Rolling the whole year up again read twelve months of every scope touched:
 * 700-800 ms of a month's flush, against 400 ms for the year documents and the months recomputed.
 */
export class SummaryRecompute {
  constructor(
    private readonly client: Client,
    private readonly lookups: ReadModelLookups,
    private readonly clock: () => Date = () => new Date(),
    /** A pause between reading the inputs and writing, for tests that interleave two recomputations. */
    private readonly beforeWrite: (summaries: 'months' | 'years') => Promise<void> = async () => undefined,
    /** Evaluates the anomaly alerts of the recomputed months (and of the year after them); none without. */
    private readonly anomalies: AnomalyAlerts | null = null,
  ) {}

  /**
   * For queued summaries (a flush, a rebuild's last step, a repair): facts written before their
   * summaries were queued become searchable here, before any summary's seq_no is read, the order
   * compare-and-set relies on. Returns the conflicts retried.
   */
  async recomputeFromFacts(indexes: IndexSet, touched: TouchedScopes, position: string | null = null): Promise<number> {
    await this.client.indices.refresh({ index: indexes.facts });
    return this.recompute(indexes, touched, position);
  }

  /**
   * Monthly documents first, then the year summaries they are part of. Returns the conflicts
   * retried. `position`: the newest event the touched summaries were queued for (alerts carry it).
   */
  async recompute(indexes: IndexSet, touched: TouchedScopes, position: string | null = null): Promise<number> {
    if (touched.isEmpty) return 0;
    const periods = touched.periods();
    let retries = await this.untilWritten((pending) => this.writeMonths(indexes, pending), periods);
    // Refreshed before any year is read: other recomputations read their seq_nos without realtime.
    await refresh(this.client, [indexes['monthly-trends']]);
    retries += await this.untilWritten((pending) => this.writeYears(indexes, pending, periods), touched.years());
    // Threshold alerts are written with their batch's facts, before its summaries are queued: this
    // refresh is what makes them searchable by the time a watermark behind them is checkpointed.
    await refresh(this.client, [indexes['country-summaries'], indexes['product-summaries'], indexes.alerts]);
    await this.anomalies?.evaluate(indexes, touched, position);
    return retries;
  }

  private async writeMonths(indexes: IndexSet, pending: [string, string[]][]): Promise<[string, string[]][]> {
    const index = indexes['monthly-trends'];
    const ids = pending.flatMap(([period, scopes]) => scopes.map((scope) => monthlyTrendId(scope, period)));
    const current = await multiGet(this.client, index, ids, { source: false, realtime: false });
    const inactive = await this.lookups.inactiveCountries(indexes.countries);
    const figures = await aggregatePeriods(this.client, indexes.facts, pending, inactive);
    await this.beforeWrite('months');
    const context = await this.context(indexes, pending.flatMap(([, scopes]) => scopes));
    const updatedAt = this.clock().toISOString();
    const ops: WriteOp[] = pending.flatMap(([period, scopes]) =>
      scopes.map((scope) => {
        const id = monthlyTrendId(scope, period);
        const document = summarizeMonth(scope, period, figures.get(period)!.get(scope)!, context(scope), updatedAt);
        return { index, id, document, ...casCondition(current.get(id)) };
      }),
    );
    const { conflicts } = await bulkWrite(this.client, ops);
    const lost = new Set(conflicts.map((key) => key.slice(index.length + 1)));
    return pending
      .map(([period, scopes]): [string, string[]] => [period, scopes.filter((scope) => lost.has(monthlyTrendId(scope, period)))])
      .filter(([, scopes]) => scopes.length > 0);
  }

  private async writeYears(indexes: IndexSet, pending: [number, string[]][], periods: readonly [string, string[]][]): Promise<[number, string[]][]> {
    const targets = pending.flatMap(([year, scopes]) => scopes.map((scope) => ({ year, scope, ...yearDocumentTarget(indexes, scope, year) })));
    const current = await readYearDocuments(this.client, targets);
    const months = await readMonthFigures(this.client, indexes['monthly-trends'], pending.map(([year, scopes]) => [year, monthsOf(periods, year), scopes]));
    const context = await this.context(indexes, pending.flatMap(([, scopes]) => scopes));
    await this.beforeWrite('years');
    const updatedAt = this.clock().toISOString();
    const ops: WriteOp[] = targets.map(({ year, scope, index, id }) => {
      const held = current.get(`${index}/${id}`);
      const monthFigures = replaceMonths(held?.source.months ?? [], months.get(`${scope}/${year}`) ?? []);
      const { country, product } = context(scope);
      const document = country
        ? rollUpCountryYear(country, year, monthFigures, updatedAt)
        : rollUpProductYear(product!, year, monthFigures, updatedAt);
      return { index, id, document, ...casCondition(held) };
    });
    const lost = new Set((await bulkWrite(this.client, ops)).conflicts);
    return pending
      .map(([year, scopes]): [number, string[]] => [
        year,
        scopes.filter((scope) => {
          const { index, id } = yearDocumentTarget(indexes, scope, year);
          return lost.has(`${index}/${id}`);
        }),
      ])
      .filter(([, scopes]) => scopes.length > 0);
  }

  /** Countries and HS names of the scopes, read after the seq_nos (they are inputs too). */
  private async context(indexes: IndexSet, scopes: readonly string[]): Promise<(scope: string) => { country?: CountryView; product?: CodeNames }> {
    const parsed = [...new Set(scopes)].map(parseScope);
    const countryCodes = parsed.flatMap((scope) => (scope.kind === 'country' ? [scope.countryCode] : []));
    const hsCodes = parsed.flatMap((scope) => (scope.kind === 'product' ? [scope.hsCode] : []));
    const [countries, names] = await Promise.all([
      this.lookups.countries(indexes.countries, countryCodes),
      this.lookups.codeNames(indexes.products, hsCodes),
    ]);
    return (scope) => {
      const parsedScope = parseScope(scope);
      if (parsedScope.kind === 'country') return { country: countries.get(parsedScope.countryCode) };
      if (parsedScope.kind === 'product') return { product: names(parsedScope.hsCode) };
      return {};
    };
  }

  private async untilWritten<K>(write: (pending: [K, string[]][]) => Promise<[K, string[]][]>, work: [K, string[]][]): Promise<number> {
    let pending = work;
    let retries = 0;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`summaries still contended after ${MAX_ATTEMPTS} attempts; the batch will be retried`);
      if (attempt > 1) await sleep(Math.random() * 20 * attempt);
      pending = await write(pending);
      retries += pending.reduce((sum, [, scopes]) => sum + scopes.length, 0);
    }
    return retries;
  }
}

/** The months of `year` among the periods. */
function monthsOf(periods: readonly [string, string[]][], year: number): number[] {
  return periods.map(([period]) => Period.parse(period)).filter((period) => period.year === year).map((period) => period.month);
}

/** The months a year summary holds, with those recomputed put in their place. */
function replaceMonths(held: readonly MonthFigures[], recomputed: readonly MonthFigures[]): MonthFigures[] {
  const replaced = new Set(recomputed.map((figures) => figures.month));
  return [...held.filter((figures) => !replaced.has(figures.month)), ...recomputed];
}
