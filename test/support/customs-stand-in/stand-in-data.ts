import { loadHsNomenclature } from '../../../src/modules/reference-data';
import { STAND_IN_PARTNERS } from './stand-in-partners';

/** One row as the service serves it; numbers are whole dollars and kilograms. */
export interface StandInRow {
  readonly month: string; // YYYYMM
  readonly hsCd: string;
  readonly statCd: string;
  readonly statCdCntnKor1: string;
  readonly statKor: string;
  readonly expDlr: number;
  readonly expWgt: number;
  readonly impDlr: number;
  readonly impWgt: number;
}

export interface StandInDataOptions {
  /** Changes every figure; the same seed always serves the same data. */
  readonly seed?: number;
  /** At most this many 10-digit HSK lines under one 6-digit subheading (1..6). Default 2. */
  readonly maxLinesPerSubheading?: number;
  /** At most this many partners per HSK line (1..41). Default 3 (see BENCHMARK_DENSITY). */
  readonly maxPartnersPerLine?: number;
  /** Re-published months: some rows changed, some gone, some new, deterministically. */
  readonly republished?: boolean;
}

/** About 204,000 rows in one month across chapters 01..97: the volume `npm run bench -- import` needs. */
export const BENCHMARK_DENSITY = { maxLinesPerSubheading: 4, maxPartnersPerLine: 33 } as const;

const SUFFIXES = ['1000', '2000', '3000', '4000', '5000', '9000'];
const LEAF_NAMES = ['기타', '기타', '부분품', '그 밖의 것'];

/** FNV-1a over the parts: cheap, stable across runs and platforms, good enough to look random. */
export function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const char of parts.join('|')) {
    h ^= char.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Deterministic trade over the real HS 2022 subheadings of data/reference. */
export class StandInData {
  private readonly subheadings: readonly string[];
  private readonly seed: number;
  private readonly maxLines: number;
  private readonly maxPartners: number;

  constructor(private readonly options: StandInDataOptions = {}) {
    this.subheadings = loadHsNomenclature()
      .entries(6)
      .map((entry) => entry.code)
      .filter((code) => code < '98')
      .sort();
    this.seed = options.seed ?? 1;
    this.maxLines = Math.min(Math.max(options.maxLinesPerSubheading ?? 2, 1), SUFFIXES.length);
    this.maxPartners = Math.min(Math.max(options.maxPartnersPerLine ?? 3, 1), STAND_IN_PARTNERS.length);
  }

  /** The HSK lines under a prefix of 2 to 10 digits, ascending. */
  linesUnder(prefix: string): string[] {
    const subheadings = this.subheadings.filter((code) => code.startsWith(prefix.slice(0, 6)));
    return subheadings.flatMap((code) => this.linesOf(code)).filter((line) => line.startsWith(prefix));
  }

  /** Every row of one month (YYYYMM) under the prefix, by HSK line then partner code. */
  *rows(month: string, prefix: string): Generator<StandInRow> {
    for (const line of this.linesUnder(prefix)) yield* this.rowsOfLine(month, line);
  }

  private linesOf(subheading: string): string[] {
    const count = 1 + (hash(this.seed, subheading) % this.maxLines);
    return SUFFIXES.slice(SUFFIXES.length - count).map((suffix) => subheading + suffix);
  }

  private *rowsOfLine(month: string, line: string): Generator<StandInRow> {
    const total = STAND_IN_PARTNERS.length;
    const count = 1 + (hash(this.seed, line, 'n') % this.maxPartners);
    const start = hash(this.seed, line, 'o') % total;
    const indices = Array.from({ length: count }, (_, i) => (start + i) % total);
    // A re-publication adds the next partner of some lines (new rows the first edition lacked).
    if (this.options.republished && count < total && hash(this.seed, line, month, 'add') % 10 === 0) indices.push((start + count) % total);
    for (const index of indices.sort((a, b) => a - b)) {
      const row = this.row(month, line, index, index === (start + count) % total && count < total);
      if (row !== undefined) yield row;
    }
  }

  private row(month: string, line: string, index: number, added: boolean): StandInRow | undefined {
    const partner = STAND_IN_PARTNERS[index];
    const key = [this.seed, line, partner.code, month];
    // Months without trade have no row.
    if (!added && hash(...key, 'trade') % 8 === 0) return undefined;
    const revision = this.options.republished && !added ? hash(...key, 'rev') % 20 : -1;
    if (revision === 0) return undefined;
    const exportsNothing = hash(...key, 'zero') % 15 === 0;
    const bump = revision === 1 ? 1 + (hash(...key, 'bump') % 5_000) : 0;
    return {
      month,
      hsCd: line,
      statCd: partner.code,
      statCdCntnKor1: partner.name,
      statKor: LEAF_NAMES[hash(this.seed, line) % LEAF_NAMES.length],
      expDlr: exportsNothing ? 0 : 1 + (hash(...key, 'v') % 2_000_000) + bump,
      expWgt: exportsNothing ? 0 : 1 + (hash(...key, 'w') % 500_000) + bump,
      impDlr: hash(...key, 'iv') % 3_000_000,
      impWgt: hash(...key, 'iw') % 700_000,
    };
  }
}
