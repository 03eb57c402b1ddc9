import { aKey } from '../../../../test/support/export-statistic.fixtures';
import { findLevelOverlaps, overlapsAtAnotherLevel } from './hs-level-overlap';

const item = (index: number, key: string) => ({ index, key: aKey(key) });

describe('overlapsAtAnotherLevel', () => {
  it.each([
    ['a chapter and a 10-digit line under it', 'CN-85-2026-08', 'CN-8542310000-2026-08'],
    ['a heading and a subheading under it', 'CN-8542-2026-08', 'CN-854231-2026-08'],
    ['a subheading and a line under it, either way round', 'CN-8542310000-2026-08', 'CN-854231-2026-08'],
  ])('given %s in one partner-month, then they overlap', (_, a, b) => {
    expect(overlapsAtAnotherLevel(aKey(a), aKey(b))).toBe(true);
  });

  it.each([
    ['the same statistic', 'CN-85-2026-08', 'CN-85-2026-08'],
    ['siblings at different levels', 'CN-85-2026-08', 'CN-8703231000-2026-08'],
    ['two lines under one subheading', 'CN-8542311000-2026-08', 'CN-8542319000-2026-08'],
    ['a chapter and a line under it for another partner', 'CN-85-2026-08', 'US-8542310000-2026-08'],
    ['a chapter and a line under it in another month', 'CN-85-2026-08', 'CN-8542310000-2026-09'],
    ['codes that share digits but not as a prefix', 'CN-8542-2026-08', 'CN-8485420000-2026-08'],
  ])('given %s, then they do not overlap', (_, a, b) => {
    expect(overlapsAtAnotherLevel(aKey(a), aKey(b))).toBe(false);
  });
});

describe('findLevelOverlaps', () => {
  it('given a chapter, a heading and a line under both, then every pair is found with the broader code first', () => {
    const items = [item(0, 'CN-8542310000-2026-08'), item(1, 'US-85-2026-08'), item(2, 'CN-85-2026-08'), item(3, 'CN-8542-2026-08')];

    const pairs = findLevelOverlaps(items).map(({ broader, narrower }) => [broader.index, narrower.index]);

    expect(pairs.sort()).toEqual([
      [2, 0],
      [2, 3],
      [3, 0],
    ]);
  });

  it('given one level per partner-month, the same key twice and neighbours elsewhere, then nothing overlaps', () => {
    const items = [
      item(0, 'CN-8542310000-2026-08'),
      item(1, 'CN-8542310000-2026-08'),
      item(2, 'CN-8542319000-2026-08'),
      item(3, 'CN-85-2026-09'),
      item(4, 'JP-85-2026-08'),
      item(5, 'CN-87-2026-08'),
    ];

    expect(findLevelOverlaps(items)).toEqual([]);
  });

  it('given each pair found by brute force over many random keys, then the prefix look-ups find exactly those', () => {
    const codes = ['85', '87', '8542', '8543', '8703', '854231', '854232', '870323', '8542310000', '8542319000', '8542320000', '8703231000'];
    const keys = Array.from({ length: 60 }, (_, i) => `${['CN', 'US'][i % 2]}-${codes[(i * 7) % codes.length]}-2026-0${1 + (i % 3)}`);
    const items = keys.map((key, index) => item(index, key));
    const expected = items.flatMap((a) =>
      items.filter((b) => b.key.hs.value.length > a.key.hs.value.length && overlapsAtAnotherLevel(a.key, b.key)).map((b) => `${a.index}>${b.index}`),
    );

    const found = findLevelOverlaps(items).map(({ broader, narrower }) => `${broader.index}>${narrower.index}`);

    expect(expected.length).toBeGreaterThan(0);
    expect(found.sort()).toEqual(expected.sort());
  });
});
