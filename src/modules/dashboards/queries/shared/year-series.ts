import { Period } from '../../../../kernel/period';
import { compoundAnnualGrowthRate, seasonalityIndex, yearOnYearGrowth, type MonthSeasonality } from '../../analytics';
import type { Figures, MonthFigures } from '../../domain/summary-figures';
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
}

export interface YearSeriesView {
  readonly total: FiguresView;
  readonly previousYear: FiguresView;
  readonly yoyGrowth: string | null;
  readonly cagr: CagrView | null;
  readonly monthly: MonthlyView[];
  readonly seasonality: MonthSeasonality[] | null;
}

const NONE: Figures = { valueUsdCents: 0, weightGrams: 0, factCount: 0 };

/**
 * The analytics of one country or product for a year, from its year summaries up to that year:
 * growth over the year before, CAGR from the first year with exports, and seasonality over those
 * years (a year still in progress counts its missing months as zero, see seasonalityIndex).
 */
export function yearSeries(summaries: readonly YearSummary[], year: number): YearSeriesView {
  const byYear = new Map(summaries.map((summary) => [summary.year, summary]));
  const current = byYear.get(year) ?? { ...NONE, year, months: [] };
  const previous = byYear.get(year - 1) ?? NONE;
  const first = [...summaries].filter((s) => s.year <= year && s.valueUsdCents > 0).sort((a, b) => a.year - b.year)[0];
  const window = summaries.filter((s) => first && s.year >= first.year && s.year <= year);
  return {
    total: figuresView(current),
    previousYear: figuresView(previous),
    yoyGrowth: yearOnYearGrowth(usd(current.valueUsdCents), usd(previous.valueUsdCents)),
    cagr:
      first && first.year < year
        ? {
            fromYear: first.year,
            toYear: year,
            rate: compoundAnnualGrowthRate({ firstValue: usd(first.valueUsdCents), lastValue: usd(current.valueUsdCents), years: year - first.year }),
          }
        : null,
    monthly: monthlyView(year, current.months),
    seasonality: seasonalityIndex(
      window.flatMap((s) => s.months.map((m) => ({ period: Period.of(s.year, m.month).toString(), value: usd(m.valueUsdCents) }))),
    ),
  };
}
