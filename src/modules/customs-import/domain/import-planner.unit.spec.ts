import fc from 'fast-check';
import { Period } from '../../../kernel/period';
import { HsTree } from './hs-tree';
import { planImport, splitUnit } from './import-planner';
import { ImportUnit, unitKey } from './import-unit';
import { MAX_MONTHS_PER_CALL, MonthRange } from './month-range';

/** A tree whose leaves are the given 6-digit subheadings, as the nomenclature adapter builds it. */
function treeOf(subheadings: readonly string[]): HsTree {
  const unique = (codes: string[]): string[] => [...new Set(codes)].sort();
  return {
    chapters: () => unique(subheadings.map((code) => code.slice(0, 2))),
    children: (prefix) =>
      prefix.length >= 6 ? [] : unique(subheadings.filter((code) => code.startsWith(prefix)).map((code) => code.slice(0, prefix.length + 2))),
  };
}

/** Every (subheading, month) cell a set of units asks for, with how many units ask for it. */
function cells(units: readonly ImportUnit[], subheadings: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of units) {
    for (const code of subheadings.filter((leaf) => leaf.startsWith(unit.hsPrefix))) {
      for (const month of unit.months.months()) {
        const cell = `${code}@${month}`;
        counts.set(cell, (counts.get(cell) ?? 0) + 1);
      }
    }
  }
  return counts;
}

const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
const subheadingsArb = fc.uniqueArray(
  fc.tuple(fc.integer({ min: 1, max: 99 }), digits(2), digits(2)).map(([chapter, h, s]) => `${String(chapter).padStart(2, '0')}${h}${s}`),
  { minLength: 1, maxLength: 40 },
);
const rangeArb = fc
  .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 }))
  .map(([year, month, extra]) => MonthRange.of(Period.of(year, month), Period.of(year, month).plusMonths(extra)));

describe('planImport', () => {
  it('given any request, when planned, then no unit spans more than twelve months and the scope is covered exactly once', () => {
    fc.assert(
      fc.property(subheadingsArb, rangeArb, fc.infiniteStream(fc.nat()), (subheadings, months, picks) => {
        const tree = treeOf(subheadings);
        const candidates = subheadings.flatMap((code) => [code.slice(0, 2), code.slice(0, 4), code]);
        const requested = [...new Set(Array.from({ length: 1 + (picks.next().value % 5) }, () => candidates[picks.next().value % candidates.length]))];
        const units = planImport({ months, hsPrefixes: requested }, tree);

        expect(units.every((unit) => unit.months.length <= MAX_MONTHS_PER_CALL)).toBe(true);
        const wanted = subheadings.filter((leaf) => requested.some((prefix) => leaf.startsWith(prefix)));
        const covered = cells(units, subheadings);
        expect([...covered.values()].every((count) => count === 1)).toBe(true);
        expect([...covered.keys()].sort()).toEqual([...cells([{ hsPrefix: '', months }], wanted).keys()].sort());
      }),
    );
  });

  it('given no HS prefixes, when planned, then every goods chapter 01..97 is a unit per year of the range', () => {
    const tree = treeOf(['010121', '851830', '970110', '980000', '999999']);
    const units = planImport({ months: MonthRange.parse('2025-03..2026-05') }, tree);

    expect(units.map(unitKey)).toEqual([
      '01:2025-03..2026-02',
      '01:2026-03..2026-05',
      '85:2025-03..2026-02',
      '85:2026-03..2026-05',
      '97:2025-03..2026-02',
      '97:2026-03..2026-05',
    ]);
  });

  it('given overlapping and repeated prefixes, when planned, then those inside another are dropped', () => {
    const units = planImport({ months: MonthRange.parse('2026-08'), hsPrefixes: ['8518', '85', '8518309000', '0101', '85'] }, treeOf(['851830']));

    expect(units.map(unitKey)).toEqual(['0101:2026-08..2026-08', '85:2026-08..2026-08']);
  });

  it.each([[[]], [['851']], [['85a1']], [['12345678901']]])('given the prefixes %j, when planned, then they are refused', (hsPrefixes) => {
    expect(() => planImport({ months: MonthRange.parse('2026-08'), hsPrefixes }, treeOf(['851830']))).toThrow(/^hsPrefixes /);
  });
});

describe('splitUnit', () => {
  it('given any unit, when split again and again, then the parts cover the parent exactly once', () => {
    fc.assert(
      fc.property(subheadingsArb, rangeArb, fc.nat(), fc.integer({ min: 1, max: 4 }), (subheadings, range, pick, rounds) => {
        const tree = treeOf(subheadings);
        const months = range.chunks()[0];
        const parent: ImportUnit = { hsPrefix: subheadings[pick % subheadings.length].slice(0, 2), months };
        let units = [parent];
        for (let round = 0; round < rounds; round += 1) units = units.flatMap((unit) => splitUnit(unit, tree) ?? [unit]);

        const covered = cells(units, subheadings);
        expect([...covered.values()].every((count) => count === 1)).toBe(true);
        expect([...covered.keys()].sort()).toEqual([...cells([parent], subheadings).keys()].sort());
        expect(units.every((unit) => unit.months.length <= MAX_MONTHS_PER_CALL)).toBe(true);
      }),
    );
  });

  it('given a chapter, a heading, a subheading over months and one code-month, when split, then children, halves, nothing', () => {
    const tree = treeOf(['851810', '851830', '852000']);
    const months = MonthRange.parse('2026-01..2026-05');

    expect(splitUnit({ hsPrefix: '85', months }, tree)?.map(unitKey)).toEqual(['8518:2026-01..2026-05', '8520:2026-01..2026-05']);
    expect(splitUnit({ hsPrefix: '8518', months }, tree)?.map(unitKey)).toEqual(['851810:2026-01..2026-05', '851830:2026-01..2026-05']);
    expect(splitUnit({ hsPrefix: '851830', months }, tree)?.map(unitKey)).toEqual(['851830:2026-01..2026-03', '851830:2026-04..2026-05']);
    expect(splitUnit({ hsPrefix: '851830', months: MonthRange.parse('2026-05') }, tree)).toBeUndefined();
  });
});

describe('MonthRange', () => {
  it.each(['2026-08..2026-07', '2026-8..2026-09', '2026-08-2026-09', ''])('given %j, when parsed, then it is refused', (raw) => {
    expect(() => MonthRange.parse(raw)).toThrow(/^months /);
  });
});
