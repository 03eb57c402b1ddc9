/** How a synthetic data set is shaped; every field but `now` has a default. */
export interface SampleDataOptions {
  /** Same seed and options, same rows (on any machine). */
  readonly seed: number;
  /** Roughly how many statistics to generate; the exact number follows from the seed. */
  readonly statistics: number;
  /** First month, YYYY-MM. */
  readonly from: string;
  /** Last month, YYYY-MM; cut back to the last closed month before `now`. */
  readonly to: string;
  /** The instant the data is generated for; passed in so that generation stays pure. */
  readonly now: Date;
  /** About how many 6-digit subheadings to draw (HSK splitting then adds 10-digit lines). */
  readonly products: number;
  /** How many small partners to add after Korea's top ~40 destinations. */
  readonly tailPartners: number;
  /** Share of drawn subheadings reported as 10-digit HSK-like lines instead. */
  readonly hskShare: number;
  /** Typical month of the largest partner x product pair, in USD; everything else scales from it. */
  readonly topLineUsd: number;
}

export const DEFAULT_SAMPLE_DATA_OPTIONS: Omit<SampleDataOptions, 'now'> = Object.freeze({
  seed: 20210101,
  statistics: 20_000,
  from: '2021-01',
  to: '2025-12',
  products: 240,
  tailPartners: 60,
  hskShare: 0.25,
  // A few hundred lines cannot carry Korea's real ~650 bn USD a year, so magnitudes are scaled
  // down; only the shapes are realistic. At this scale about 5 % of rows exceed the default
  // ExportThresholdExceeded threshold (1,000,000 USD): a demo raises hundreds of alerts, not 20,000.
  topLineUsd: 1_000_000,
});

export function sampleDataOptions(overrides: Partial<SampleDataOptions> & { now: Date }): SampleDataOptions {
  const options = { ...DEFAULT_SAMPLE_DATA_OPTIONS, ...overrides };
  integerIn('statistics', options.statistics, 1, 10_000_000);
  integerIn('products', options.products, 1, 5_000);
  integerIn('tailPartners', options.tailPartners, 0, 250);
  integerIn('seed', options.seed, 0, 0xffffffff);
  if (!(options.hskShare >= 0 && options.hskShare <= 1)) throw new RangeError(`hskShare must be from 0 to 1, got ${options.hskShare}`);
  if (!(options.topLineUsd >= 1 && options.topLineUsd <= 1e11)) {
    throw new RangeError(`topLineUsd must be from 1 to 1e11, got ${options.topLineUsd}`);
  }
  if (Number.isNaN(options.now.getTime())) throw new RangeError('now must be a valid Date');
  return Object.freeze(options);
}

function integerIn(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
