import { Random } from './random';

export interface SampleProduct {
  /** A real 6-digit HS 2022 subheading, or a 10-digit HSK-like line under one. */
  readonly hsCode: string;
  readonly chapter: string;
  /** Relative size among Korea's exports. */
  readonly weight: number;
  /** Typical value per kilogram, which ties weight to value. */
  readonly usdPerKg: number;
}

interface ChapterProfile {
  /** Approximate share of Korea's exports (MTI/KITA 2023-2024, rounded). */
  readonly share: number;
  readonly usdPerKg: number;
}

/** Korea's leading export chapters; the rest of the trade is spread over OTHER_CHAPTERS. */
const LEADING_CHAPTERS: Readonly<Record<string, ChapterProfile>> = {
  '85': { share: 0.27, usdPerKg: 80 }, // semiconductors, displays, batteries, phones
  '87': { share: 0.12, usdPerKg: 12 }, // cars and parts
  '84': { share: 0.11, usdPerKg: 40 }, // machinery, computers
  '27': { share: 0.075, usdPerKg: 0.8 }, // refined petroleum
  '39': { share: 0.045, usdPerKg: 1.6 }, // plastics in primary forms
  '72': { share: 0.04, usdPerKg: 1.0 }, // iron and steel
  '89': { share: 0.035, usdPerKg: 4 }, // ships
  '90': { share: 0.035, usdPerKg: 120 }, // optical, medical, measuring
  '29': { share: 0.03, usdPerKg: 1.5 }, // organic chemicals (p-xylene, ...)
  '40': { share: 0.012, usdPerKg: 3.5 }, // rubber, tyres
};
const OTHER_CHAPTERS = ['73', '38', '30', '33', '76', '74', '28', '48', '54', '55', '60', '94', '95', '21', '03', '71', '88', '86', '70', '82', '83', '34', '32', '61'];
const OTHER_CHAPTERS_SHARE = 0.2;
const OTHER_CHAPTER_USD_PER_KG = 8;

/** Subheadings that lead Korea's exports; they are always in the sample and lead their chapter. */
export const ANCHOR_SUBHEADINGS: readonly string[] = [
  '854232', '854231', '852412', '850760', '851713', '870323', '870380', '870340', '870899', '271019',
  '271012', '890120', '890190', '847130', '847330', '901380', '290243', '390110', '721049', '401110',
];

const ANCHOR_BOOST = 3;

/**
 * About `count` subheadings from `subheadings` (the nomenclature's 6-digit codes): each chapter gets
 * a number in proportion to its share of exports; within it the anchors come first, then codes drawn
 * at random, with Pareto weights so that a few products carry most of the chapter. A share
 * `hskShare` of the non-anchor subheadings is split into two or three 10-digit HSK-like lines.
 */
export function chooseSampleProducts(subheadings: readonly string[], count: number, hskShare: number, random: Random): SampleProduct[] {
  const byChapter = groupByChapter(subheadings);
  const profiles: [string, ChapterProfile][] = [
    ...Object.entries(LEADING_CHAPTERS),
    ...OTHER_CHAPTERS.map((chapter): [string, ChapterProfile] => [
      chapter,
      { share: OTHER_CHAPTERS_SHARE / OTHER_CHAPTERS.length, usdPerKg: OTHER_CHAPTER_USD_PER_KG },
    ]),
  ];
  return profiles.flatMap(([chapter, profile]) => {
    const available = byChapter.get(chapter) ?? [];
    const wanted = Math.min(available.length, Math.max(2, Math.round(count * profile.share)));
    return chapterProducts(chapter, profile, available, wanted, hskShare, random);
  });
}

function chapterProducts(
  chapter: string,
  profile: ChapterProfile,
  available: readonly string[],
  wanted: number,
  hskShare: number,
  random: Random,
): SampleProduct[] {
  const anchors = ANCHOR_SUBHEADINGS.filter((code) => available.includes(code));
  const others = available.filter((code) => !anchors.includes(code));
  const drawn: string[] = [];
  while (anchors.length + drawn.length < wanted && others.length > 0) drawn.push(others.splice(random.int(others.length), 1)[0]!);
  const raw = [
    ...anchors.map((code) => ({ code, size: ANCHOR_BOOST * random.pareto(1.2), anchor: true })),
    ...drawn.map((code) => ({ code, size: random.pareto(1.2), anchor: false })),
  ];
  const total = raw.reduce((sum, item) => sum + item.size, 0);
  return raw.flatMap(({ code, size, anchor }) => {
    const product = { hsCode: code, chapter, weight: (profile.share * size) / total, usdPerKg: profile.usdPerKg * random.logNormal(0.6) };
    // Anchors stay 6-digit so that the best-known codes are easy to find in the sample.
    return !anchor && random.next() < hskShare ? splitIntoHskLines(product, random) : [product];
  });
}

/**
 * Two or three 10-digit lines under one subheading, sharing its weight. Suffixes look like Korean
 * HSK ones (`1000`, `9010`, ...), but are made up: HSK is national and not in the nomenclature.
 * The subheading itself is then not used, so no 6-digit figure ever overlaps its own 10-digit lines.
 */
function splitIntoHskLines(product: SampleProduct, random: Random): SampleProduct[] {
  const lines = 2 + random.int(2);
  const suffixes = new Set<string>();
  while (suffixes.size < lines) suffixes.add(`${'1239'[random.int(4)]}${'019'[random.int(3)]}${'01'[random.int(2)]}0`);
  const parts = [...suffixes].sort().map((suffix) => ({ suffix, size: random.pareto(1.5) }));
  const total = parts.reduce((sum, part) => sum + part.size, 0);
  return parts.map(({ suffix, size }) => ({
    ...product,
    hsCode: `${product.hsCode}${suffix}`,
    weight: (product.weight * size) / total,
    usdPerKg: product.usdPerKg * random.logNormal(0.2),
  }));
}

function groupByChapter(subheadings: readonly string[]): Map<string, string[]> {
  const byChapter = new Map<string, string[]>();
  for (const code of [...subheadings].sort()) {
    if (!/^[0-9]{6}$/.test(code)) throw new RangeError(`subheadings must be 6-digit HS codes, got ${JSON.stringify(code)}`);
    const list = byChapter.get(code.slice(0, 2)) ?? [];
    list.push(code);
    byChapter.set(code.slice(0, 2), list);
  }
  return byChapter;
}
