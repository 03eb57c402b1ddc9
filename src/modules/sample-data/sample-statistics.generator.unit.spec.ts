import { loadCountryReference } from '../reference-data/countries';
import { loadHsNomenclature } from '../reference-data/hs-nomenclature';
import { ANCHOR_SUBHEADINGS } from './sample-products';
import { sampleDataOptions, SampleDataOptions } from './sample-data.options';
import { sampleReferenceOf } from './sample-reference';
import { planSampleData, SampleStatistic } from './sample-statistics.generator';

// Reads the committed data/reference files: deterministic, as in the reference-data unit tests.
const hs = loadHsNomenclature();
const countries = loadCountryReference();
const reference = sampleReferenceOf(hs, countries);
const NOW = new Date('2026-11-21T00:00:00Z');

const options = (overrides: Partial<SampleDataOptions> = {}): SampleDataOptions =>
  sampleDataOptions({ now: NOW, statistics: 4_000, ...overrides });
const rows = (overrides: Partial<SampleDataOptions> = {}): SampleStatistic[] => [...planSampleData(reference, options(overrides)).statistics()];
const total = (list: readonly SampleStatistic[], field: 'valueUsd' | 'weightKg'): bigint =>
  list.reduce((sum, row) => sum + BigInt(row[field]), 0n);

describe('planSampleData', () => {
  const sample = rows();

  it('given one seed twice, when generated, then the rows and totals are the same', () => {
    const again = rows();

    expect(again.slice(0, 20)).toEqual(sample.slice(0, 20));
    expect(again).toHaveLength(sample.length);
    expect(total(again, 'valueUsd')).toBe(total(sample, 'valueUsd'));
    expect(total(again, 'weightKg')).toBe(total(sample, 'weightKg'));
  });

  it('given one plan, when its statistics are iterated twice, then both passes give the same rows', () => {
    const plan = planSampleData(reference, options());

    expect([...plan.statistics()]).toEqual([...plan.statistics()]);
  });

  it('given another seed, when generated, then the data differs', () => {
    expect(rows({ seed: 7 }).slice(0, 20)).not.toEqual(sample.slice(0, 20));
  });

  it('given a target size, when generated, then the count is within 15 % of it', () => {
    expect(sample.length).toBeGreaterThan(4_000 * 0.85);
    expect(sample.length).toBeLessThan(4_000 * 1.15);
    expect(rows({ statistics: 20_000 }).length).toBeGreaterThan(20_000 * 0.85);
  });

  it('given a whole sample, when generated, then no partner-month holds two HS levels where one code is a prefix of the other (the HS-level rule)', () => {
    const sample = rows({ hskShare: 0.5 });
    const codes = new Set(sample.map((row) => `${row.countryCode} ${row.period} ${row.hsCode}`));
    const shorter = (code: string) => [2, 4, 6].filter((length) => length < code.length).map((length) => code.slice(0, length));

    const overlapping = sample.filter((row) => shorter(row.hsCode).some((prefix) => codes.has(`${row.countryCode} ${row.period} ${prefix}`)));

    expect(sample.some((row) => row.hsCode.length === 10)).toBe(true);
    expect(overlapping).toEqual([]);
  });

  it('given the HS nomenclature and the country list, when generated, then every code is real and of a legal length', () => {
    for (const row of sample) {
      expect(countries.get(row.countryCode)).toBeDefined();
      expect([6, 10]).toContain(row.hsCode.length);
      expect(hs.ancestry(row.hsCode)).toBeDefined();
    }
    expect(sample.some((row) => row.hsCode.length === 10)).toBe(true);
    expect(new Set(sample.map((row) => row.hsCode.slice(0, 2)))).toContain('85');
  });

  it('given the anchors, when checked against HS 2022, then every one is a real subheading', () => {
    expect(ANCHOR_SUBHEADINGS.filter((code) => hs.subheading(code) === undefined)).toEqual([]);
  });

  it('given now in the middle of the default span, when generated, then no period is at or after the current month', () => {
    const cut = rows({ now: new Date('2024-06-10T00:00:00Z') });

    expect(cut.every((row) => row.period < '2024-06')).toBe(true);
    expect(cut.some((row) => row.period === '2024-05')).toBe(true);
  });

  it('given an earlier now, when generated, then the months before it are the same rows as with a later now', () => {
    const cut = rows({ now: new Date('2023-01-15T00:00:00Z') });

    expect(cut).toEqual(sample.filter((row) => row.period < '2023-01'));
  });

  it('given any row, when its figures are read, then they are non-negative whole numbers as customs gives them', () => {
    for (const row of sample) {
      expect(row.valueUsd).toMatch(/^[0-9]+$/);
      expect(row.weightKg).toMatch(/^[0-9]+$/);
      expect(BigInt(row.valueUsd)).toBeGreaterThan(0n);
    }
  });

  it('given the rows, when grouped, then there is one row per country, HS code and month', () => {
    const keys = new Set(sample.map((row) => `${row.countryCode}-${row.hsCode}-${row.period}`));

    expect(keys.size).toBe(sample.length);
  });

  it('given the rows, when ordered, then they come month by month', () => {
    const periods = sample.map((row) => row.period);

    expect(periods).toEqual([...periods].sort());
  });

  it('given the partners, when the values are summed, then a few partners carry most of the trade (long tail)', () => {
    const byCountry = new Map<string, bigint>();
    for (const row of sample) byCountry.set(row.countryCode, (byCountry.get(row.countryCode) ?? 0n) + BigInt(row.valueUsd));
    const sorted = [...byCountry.values()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    const topFive = sorted.slice(0, 5).reduce((a, b) => a + b, 0n);

    expect(sorted.length).toBeGreaterThan(30);
    expect(Number((topFive * 100n) / total(sample, 'valueUsd'))).toBeGreaterThan(40);
  });

  it('given one product, when its rows are compared, then weight rises with value', () => {
    const byProduct = new Map<string, SampleStatistic[]>();
    for (const row of sample) byProduct.set(row.hsCode, [...(byProduct.get(row.hsCode) ?? []), row]);
    const [, busiest] = [...byProduct].sort((a, b) => b[1].length - a[1].length)[0]!;
    const logs = busiest.filter((r) => r.weightKg !== '0').map((r) => [Math.log(Number(r.valueUsd)), Math.log(Number(r.weightKg))] as const);

    expect(correlation(logs)).toBeGreaterThan(0.9);
  });

  it('given a span that has no closed month before now, when planned, then it is refused', () => {
    expect(() => planSampleData(reference, options({ from: '2026-11', to: '2026-12' }))).toThrow('no month from 2026-11 to 2026-12');
  });
});

function correlation(pairs: readonly (readonly [number, number])[]): number {
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const xs = pairs.map(([x]) => x);
  const ys = pairs.map(([, y]) => y);
  const [mx, my] = [mean(xs), mean(ys)];
  const cov = mean(pairs.map(([x, y]) => (x - mx) * (y - my)));
  const sd = (values: number[], m: number): number => Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
  return cov / (sd(xs, mx) * sd(ys, my));
}
