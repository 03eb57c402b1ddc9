import { rollUpProductYear } from './product-summary.projector';

const AT = '2026-11-21T00:00:00.000Z';
const names = { code: '851830', nameEn: 'Headphones', nameKo: '헤드폰', sectionCode: 'XVI', sectionNameEn: 'Machinery' };

describe('rollUpProductYear', () => {
  it('given months of a subheading, when rolled up, then it has its parent, chapter, names and exact totals', () => {
    const summary = rollUpProductYear(names, 2026, [{ month: 12, valueUsdCents: 50, weightGrams: 5, factCount: 1 }], AT);

    expect(summary).toEqual({
      hsCode: '851830',
      hsLevel: 6,
      parentCode: '8518',
      sectionCode: 'XVI',
      chapterCode: '85',
      productNameEn: 'Headphones',
      productNameKo: '헤드폰',
      year: 2026,
      valueUsdCents: 50,
      weightGrams: 5,
      valueUsd: 0.5,
      weightKg: 0.005,
      factCount: 1,
      months: Array.from({ length: 12 }, (_, i) =>
        i === 11 ? { month: 12, valueUsdCents: 50, weightGrams: 5, factCount: 1 } : { month: i + 1, valueUsdCents: 0, weightGrams: 0, factCount: 0 },
      ),
      updatedAt: AT,
    });
  });

  it('given a chapter, when rolled up, then it has no parent', () => {
    expect(rollUpProductYear({ ...names, code: '85' }, 2026, [], AT)).toMatchObject({ hsLevel: 2, parentCode: null, chapterCode: '85' });
  });

  it('given a 10-digit national line, when rolled up, then it is refused: summaries stop at subheadings', () => {
    expect(() => rollUpProductYear({ ...names, code: '8518309000' }, 2026, [], AT)).toThrow('2, 4 and 6 digits');
  });
});
