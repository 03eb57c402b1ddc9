import { Random, WeightedPicker } from './random';
import { SamplePartner, SHIP_FLAG_PARTNERS } from './sample-partners';
import { SampleProduct } from './sample-products';

/** One partner x product pair that trades, with what every one of its months is drawn from. */
export interface TradeLine {
  readonly countryCode: string;
  readonly hsCode: string;
  /** Typical value of an active month at the 2021 market level, before season and noise. */
  readonly baseUsd: number;
  /** Chance that a given month has trade at all (months without trade have no row, as in customs data). */
  readonly activity: number;
  readonly trendPerYear: number;
  readonly usdPerKg: number;
  /** Extra product-specific seasonality: amplitude and the month it peaks. */
  readonly seasonAmplitude: number;
  readonly seasonPeak: number;
}

/** Mean of the activity drawn below for non-ship lines: 0.3 + 0.7 * E[sqrt(U)] = 0.3 + 0.7 * 2/3. */
export const MEAN_ACTIVITY = 0.3 + (0.7 * 2) / 3;
const SHIPS = '89';
const SHIP_FLAG_CHANCE = 0.7;
// Pairs are drawn with flattened weights (w^0.6), so that small partners and products appear at
// all; a line's value then scales with the rest (w^0.4), so that in expectation each partner's and
// each product's total still follows its true weight.
const DRAW_TEMPERATURE = 0.6;
const VALUE_EXPONENT = 1 - DRAW_TEMPERATURE;
const LINE_NOISE = 1.1;

/**
 * `count` distinct partner x product lines, sorted by country then HS code. `topLineUsd` is the
 * typical active month of the largest pair (think memory chips to China) before noise.
 */
export function buildTradeLines(
  partners: readonly SamplePartner[],
  products: readonly SampleProduct[],
  count: number,
  topLineUsd: number,
  random: Random,
): TradeLine[] {
  const maxPartner = Math.max(...partners.map((p) => p.weight));
  const maxProduct = Math.max(...products.map((p) => p.weight));
  const partnerPicker = new WeightedPicker(partners.map((p) => p.weight ** DRAW_TEMPERATURE));
  const productPicker = new WeightedPicker(products.map((p) => p.weight ** DRAW_TEMPERATURE));
  const shipFlags = partners.filter((p) => SHIP_FLAG_PARTNERS.includes(p.countryCode));
  const lines = new Map<string, TradeLine>();
  const capacity = Math.min(count, partners.length * products.length);
  for (let attempt = 0; lines.size < capacity && attempt < capacity * 50; attempt++) {
    const product = products[productPicker.pick(random)]!;
    const ship = product.chapter === SHIPS;
    const partner =
      ship && shipFlags.length > 0 && random.next() < SHIP_FLAG_CHANCE
        ? shipFlags[random.int(shipFlags.length)]!
        : partners[partnerPicker.pick(random)]!;
    const key = `${partner.countryCode}-${product.hsCode}`;
    if (lines.has(key)) continue;
    // Ships are delivered a few times a year, each delivery worth many months of other trade.
    const activity = ship ? random.between(0.08, 0.25) : 0.3 + 0.7 * Math.sqrt(random.next());
    lines.set(key, {
      countryCode: partner.countryCode,
      hsCode: product.hsCode,
      baseUsd: (topLineUsd * relative(partner.weight, maxPartner) * relative(product.weight, maxProduct) * random.logNormal(LINE_NOISE)) / activity,
      activity,
      trendPerYear: partner.trendPerYear + 0.03 * random.normal(),
      usdPerKg: product.usdPerKg,
      seasonAmplitude: random.between(0, 0.25),
      seasonPeak: 1 + random.int(12),
    });
  }
  return [...lines.values()].sort((a, b) => compare(a.countryCode, b.countryCode) || compare(a.hsCode, b.hsCode));
}

function relative(weight: number, max: number): number {
  return (weight / max) ** VALUE_EXPONENT;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
