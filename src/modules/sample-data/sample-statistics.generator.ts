import { Period } from '../../kernel/period';
import { Random } from './random';
import { isClosedMonth, marketLevel, monthFactor, monthsBetween } from './sample-calendar';
import { SampleDataOptions } from './sample-data.options';
import { chooseSamplePartners, SamplePartner } from './sample-partners';
import { chooseSampleProducts, SampleProduct } from './sample-products';
import { SampleReference } from './sample-reference';
import { buildTradeLines, MEAN_ACTIVITY, TradeLine } from './trade-lines';

/** Marks every generated figure: none of it is Korea Customs Service data. */
export const SAMPLE_DATA_LABEL = 'SYNTHETIC sample data, generated; not Korea Customs Service figures';

/** One generated figure, in the shape of the record mutation's input: whole USD and kg, as customs gives them. */
export interface SampleStatistic {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly valueUsd: string;
  readonly weightKg: string;
}

export interface SampleDataSet {
  readonly options: SampleDataOptions;
  readonly periods: readonly string[];
  readonly partners: readonly SamplePartner[];
  readonly products: readonly SampleProduct[];
  readonly lines: readonly TradeLine[];
  /** A fresh iterator on every call, giving the same rows: by period, then country, then HS code. */
  statistics(): IterableIterator<SampleStatistic>;
}

// Each part draws from its own stream, so that e.g. more tail partners do not reshuffle the products.
const STREAM = { partners: 0x9e3779b9, products: 0x85ebca6b, lines: 0xc2b2ae35, rows: 0x27d4eb2f } as const;

/** Plans a synthetic data set over real codes. Pure: the reference and the clock come in as arguments. */
export function planSampleData(reference: SampleReference, options: SampleDataOptions): SampleDataSet {
  // The shape (lines, trends) follows the whole span asked for; months not closed at `now` are
  // then left out, so an earlier `now` gives a prefix of the same rows.
  const span = monthsBetween(options.from, options.to);
  const periods = span.filter((period) => isClosedMonth(period, options.now));
  if (periods.length === 0) throw new RangeError(`no month from ${options.from} to ${options.to} is closed before ${options.now.toISOString()}`);
  const partners = chooseSamplePartners(reference.countryCodes, options.tailPartners, stream(options.seed, STREAM.partners));
  const products = chooseSampleProducts(reference.subheadings, options.products, options.hskShare, stream(options.seed, STREAM.products));
  if (partners.length === 0 || products.length === 0) throw new RangeError('the reference has no usable countries or subheadings');
  const lineCount = Math.max(1, Math.round(options.statistics / (span.length * MEAN_ACTIVITY)));
  const lines = buildTradeLines(partners, products, lineCount, options.topLineUsd, stream(options.seed, STREAM.lines));
  return {
    options,
    periods: periods.map(String),
    partners,
    products,
    lines,
    statistics: () => generateRows(span, periods.length, lines, stream(options.seed, STREAM.rows)),
  };
}

function* generateRows(span: readonly Period[], closed: number, lines: readonly TradeLine[], random: Random): Generator<SampleStatistic> {
  // Trends are centred on the middle month, so that partner weights are shares in mid-span.
  const middle = (span.length - 1) / 2;
  for (const [index, period] of span.slice(0, closed).entries()) {
    const years = (index - middle) / 12;
    const level = marketLevel(period.year) * monthFactor(period.month);
    for (const line of lines) {
      // Draw the same number of values for every cell whether it trades or not, so that a row
      // depends only on its place in the grid.
      const trades = random.next() < line.activity;
      const noise = random.logNormal(0.25);
      const kgNoise = random.logNormal(0.1);
      if (!trades) continue;
      const season = 1 + line.seasonAmplitude * Math.cos((2 * Math.PI * (period.month - line.seasonPeak)) / 12);
      const value = line.baseUsd * level * season * (1 + line.trendPerYear) ** years * noise;
      const valueUsd = Math.max(1, Math.round(value));
      yield {
        countryCode: line.countryCode,
        hsCode: line.hsCode,
        period: period.toString(),
        valueUsd: String(valueUsd),
        weightKg: String(Math.round(valueUsd / (line.usdPerKg * kgNoise))),
      };
    }
  }
}

function stream(seed: number, salt: number): Random {
  return new Random((seed ^ salt) >>> 0);
}
