import { Random } from './random';

export interface SamplePartner {
  readonly countryCode: string;
  /** Relative size as an export destination; shares of the top partners are Korea's, roughly. */
  readonly weight: number;
  /** Drift of this partner's trade per year, e.g. 0.07 for +7 % a year. */
  readonly trendPerYear: number;
}

/**
 * Korea's largest export destinations with their approximate share of exports in percent (KITA
 * figures for 2023-2024, rounded) and a drift that echoes the recent direction (China down, the
 * United States and India up). Only the shape is real: every generated figure is synthetic.
 */
const TOP_PARTNERS: readonly [code: string, sharePercent: number, trendPerYear: number][] = [
  ['CN', 19.5, -0.03], ['US', 18.7, 0.07], ['VN', 8.5, 0.04], ['HK', 4.5, 0.0], ['JP', 4.4, 0.01],
  ['TW', 4.4, 0.05], ['IN', 2.7, 0.06], ['SG', 2.7, 0.02], ['AU', 2.1, 0.02], ['MX', 1.9, 0.08],
  ['DE', 1.5, 0.01], ['MY', 1.5, 0.03], ['PH', 1.4, 0.03], ['TH', 1.2, 0.02], ['ID', 1.2, 0.02],
  ['CA', 1.2, 0.05], ['PL', 1.1, 0.08], ['NL', 1.0, 0.02], ['TR', 0.9, 0.04], ['GB', 0.9, 0.01],
  ['HU', 0.8, 0.05], ['SA', 0.8, 0.04], ['AE', 0.8, 0.04], ['BR', 0.7, 0.02], ['RU', 0.6, -0.10],
  ['IT', 0.6, 0.01], ['FR', 0.6, 0.01], ['ES', 0.5, 0.02], ['CZ', 0.5, 0.04], ['SK', 0.4, 0.02],
  ['BE', 0.4, 0.01], ['CL', 0.4, 0.02], ['KZ', 0.4, 0.05], ['PA', 0.5, 0.0], ['LR', 0.5, 0.0],
  ['MH', 0.4, 0.0], ['GR', 0.3, 0.0], ['IL', 0.2, 0.02], ['EG', 0.2, 0.02], ['BD', 0.2, 0.03],
];

/**
 * Ships are registered under flags of convenience, so Korean shipyards "export" to Liberia, the
 * Marshall Islands and Panama far more than trade with those countries suggests.
 */
export const SHIP_FLAG_PARTNERS: readonly string[] = ['LR', 'MH', 'PA', 'GR', 'SG', 'BS', 'MT', 'CY', 'HK'];

// Uninhabited or not a real destination: trade figures for them would look like a bug.
const NEVER_PARTNERS = new Set(['AQ', 'BV', 'HM', 'GS', 'UM', 'ZZ']);

/**
 * The top partners that the reference knows, then `tailCount` other known countries drawn at
 * random with small, quickly falling weights: the long tail of small destinations.
 */
export function chooseSamplePartners(knownCodes: readonly string[], tailCount: number, random: Random): SamplePartner[] {
  const known = new Set(knownCodes);
  const top = TOP_PARTNERS.filter(([code]) => known.has(code)).map(([countryCode, share, trendPerYear]) => ({
    countryCode,
    weight: share / 100,
    trendPerYear,
  }));
  const taken = new Set(top.map((partner) => partner.countryCode));
  const candidates = [...known].filter((code) => !taken.has(code) && !NEVER_PARTNERS.has(code)).sort();
  const tail: SamplePartner[] = [];
  for (let rank = 0; rank < tailCount && candidates.length > 0; rank++) {
    const [countryCode] = candidates.splice(random.int(candidates.length), 1);
    const weight = 0.002 / (rank + 1) ** 0.8;
    tail.push({ countryCode: countryCode!, weight, trendPerYear: 0.02 + 0.05 * random.normal() });
  }
  return [...top, ...tail];
}
