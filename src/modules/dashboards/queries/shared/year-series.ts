import { Period } from '../../../../kernel/period';
import { compoundAnnualGrowthRate, seasonalityIndex, yearOnYearGrowth, type MonthSeasonality } from '../../analytics';
import { likeMonths, publishedMonthsOf, publishedPart, yearOnYearCoverage, type PeriodSpan } from '../../domain/published-months';
import { addFigures, type Figures, type MonthFigures, NO_FIGURES } from '../../domain/summary-figures';
import { coverageView, periodText, spanView, type PeriodSpanView, type RateCoverageView } from './coverage-view';
import { figuresView, usd, type FiguresView, type MonthlyView, monthlyView } from './read-model-reads';

/** A year summary as stored: its totals and its twelve months. */
export interface YearSummary extends Figures {
  readonly year: number;
  readonly months: MonthFigures[];
}

export interface CagrView {
  readonly fromYear: number;
  readonly toYear: number;
  readonly rate: string | null;
  readonly covers: RateCoverageView;
}

export interface YearSeriesView {
  readonly total: FiguresView;
  readonly previousYear: FiguresView;
  readonly yoyGrowth: string | null;
  readonly yoyGrowthCovers: RateCoverageView | null;
  readonly cagr: CagrView | null;
  readonly monthly: MonthlyView[];
  readonly seasonality: MonthSeasonality[] | null;
  readonly seasonalityCovers: PeriodSpanView | null;
  readonly publishedThrough: string | null;
}

/**
 * The analytics of one country or product for a year, from its year summaries up to that year and
 * the latest published month (`horizon`). Rates compare like months: a year in progress is
 * compared from January to its last published month with the same months of the earlier year;
 * a year nothing of which is published has no rates. Growth is over the year before, CAGR from
 * the first year with exports in those months, seasonality over the published months from the
 * first year with exports (see seasonalityIndex); each says what it covers.
 */
export function yearSeries(summaries: readonly YearSummary[], year: number, horizon: Period | null): YearSeriesView {
  const byYear = new Map(summaries.map((summary) => [summary.year, summary]));
  const months = publishedMonthsOf(year, horizon);
  // January to the last published month of `year`, of any year's summary.
  const likeFigures = (y: number) => (byYear.get(y)?.months ?? []).filter((m) => m.month <= months).reduce<Figures>(addFigures, NO_FIGURES);
  const growth = yearOnYearCoverage(year, horizon);
  return {
    total: figuresView(byYear.get(year) ?? NO_FIGURES),
    // The same months `total` is compared over; the whole year before when nothing of `year` is published.
    previousYear: figuresView(months > 0 ? likeFigures(year - 1) : (byYear.get(year - 1) ?? NO_FIGURES)),
    yoyGrowth: growth && yearOnYearGrowth(usd(likeFigures(year).valueUsdCents), usd(likeFigures(year - 1).valueUsdCents)),
    yoyGrowthCovers: coverageView(growth),
    cagr: months > 0 ? cagrOverLikeMonths(summaries, year, months, likeFigures) : null,
    monthly: monthlyView(year, byYear.get(year)?.months ?? [], months),
    ...seasonalityOf(summaries, year, horizon),
    publishedThrough: periodText(horizon),
  };
}

function cagrOverLikeMonths(summaries: readonly YearSummary[], year: number, months: number, likeFigures: (y: number) => Figures): CagrView | null {
  const first = summaries
    .map((s) => s.year)
    .filter((y) => y < year && likeFigures(y).valueUsdCents > 0)
    .sort((a, b) => a - b)[0];
  if (first === undefined) return null;
  return {
    fromYear: first,
    toYear: year,
    rate: compoundAnnualGrowthRate({ firstValue: usd(likeFigures(first).valueUsdCents), lastValue: usd(likeFigures(year).valueUsdCents), years: year - first }),
    covers: coverageView(likeMonths(first, year, months))!,
  };
}

function seasonalityOf(summaries: readonly YearSummary[], year: number, horizon: Period | null) {
  const first = summaries.filter((s) => s.year <= year && s.valueUsdCents > 0).sort((a, b) => a.year - b.year)[0];
  const window: PeriodSpan | null = first ? publishedPart({ from: Period.of(first.year, 1), to: Period.of(year, 12) }, horizon) : null;
  if (!window) return { seasonality: null, seasonalityCovers: null };
  const values = summaries
    .flatMap((s) => s.months.map((m) => ({ period: Period.of(s.year, m.month), value: usd(m.valueUsdCents) })))
    .filter(({ period }) => period.compare(window.from) >= 0 && period.compare(window.to) <= 0)
    .map(({ period, value }) => ({ period: period.toString(), value }));
  const seasonality = seasonalityIndex(values, { from: window.from.toString(), to: window.to.toString() });
  return { seasonality, seasonalityCovers: seasonality && spanView(window) };
}
