// Test builders for the statistics domain. Statistics are built through the real behaviours, so a
// builder can never produce a state the aggregate itself could not reach.
import { UsdAmount } from '../../src/kernel/money';
import { WeightKg } from '../../src/kernel/weight';
import { ExportStatistic, StatisticContext, StatisticFigures } from '../../src/modules/statistics/domain/export-statistic';
import { ExportStatisticEvent } from '../../src/modules/statistics/domain/export-statistic.events';
import { StatisticKey } from '../../src/modules/statistics/domain/statistic-key';

/** Mid-November 2026 in Korea: periods up to 2026-11 are in the past or present. */
export const NOW = '2026-11-15T03:00:00Z';
export const KEY = 'CN-8518309000-2026-08';

export const aKey = (raw: string = KEY): StatisticKey => StatisticKey.parse(raw);

export const figures = (valueUsd: string, weightKg = '100.000'): StatisticFigures => ({
  valueUsd: UsdAmount.parse(valueUsd),
  weightKg: WeightKg.parse(weightKg),
});

class ContextBuilder {
  private now = NOW;
  private thresholdUsd = '1000000';
  private countries = new Set(['CN', 'KR', 'US', 'JP', 'ZZ']);
  private chapters = new Set(['01', '27', '85', '87']);

  at(iso: string): this {
    this.now = iso;
    return this;
  }

  withThresholdUsd(value: string): this {
    this.thresholdUsd = value;
    return this;
  }

  withoutCountry(code: string): this {
    this.countries.delete(code);
    return this;
  }

  withoutChapter(chapter: string): this {
    this.chapters.delete(chapter);
    return this;
  }

  build(): StatisticContext {
    const { countries, chapters } = this;
    return {
      now: new Date(this.now),
      thresholdUsd: UsdAmount.parse(this.thresholdUsd),
      reference: { isKnownCountry: (code) => countries.has(code), hasChapter: (chapter) => chapters.has(chapter) },
    };
  }
}

export const aContext = (): ContextBuilder => new ContextBuilder();

type Step = (statistic: ExportStatistic, context: StatisticContext) => void;

class StatisticBuilder {
  private key = KEY;
  private readonly steps: Step[] = [];

  withKey(raw: string): this {
    this.key = raw;
    return this;
  }

  recorded(valueUsd = '1000.00', weightKg = '100.000'): this {
    this.steps.push((statistic, context) => statistic.record(figures(valueUsd, weightKg), context));
    return this;
  }

  revisedTo(valueUsd: string, weightKg = '100.000'): this {
    this.steps.push((statistic, context) => statistic.revise(statistic.version, figures(valueUsd, weightKg), context));
    return this;
  }

  retracted(reason = 'entered twice by mistake'): this {
    this.steps.push((statistic) => statistic.retract(statistic.version, reason));
    return this;
  }

  /** The statistic after the steps, with no pending events left, plus the events the steps recorded. */
  buildWithHistory(context: StatisticContext = aContext().build()): {
    statistic: ExportStatistic;
    history: ExportStatisticEvent[];
  } {
    const statistic = ExportStatistic.unrecorded(aKey(this.key));
    for (const step of this.steps) step(statistic, context);
    return { statistic, history: statistic.pullPendingEvents() };
  }

  build(context?: StatisticContext): ExportStatistic {
    return this.buildWithHistory(context).statistic;
  }
}

export const aStatistic = (): StatisticBuilder => new StatisticBuilder();

/** What two statistics are compared on: everything observable, as strings. */
export const observable = (statistic: ExportStatistic) => ({
  key: statistic.key.toString(),
  status: statistic.status,
  version: statistic.version,
  valueUsd: statistic.valueUsd?.toString() ?? null,
  weightKg: statistic.weightKg?.toString() ?? null,
});
