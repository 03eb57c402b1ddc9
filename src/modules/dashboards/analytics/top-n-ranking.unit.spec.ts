import fc from 'fast-check';
import { rankTopN, RankingCriteria } from './top-n-ranking';

interface Partner {
  readonly code: string;
  readonly valueUsd: string;
}

const byValue: RankingCriteria<Partner> = { value: (p) => p.valueUsd, key: (p) => p.code };
const partner = (code: string, valueUsd: string): Partner => ({ code, valueUsd });

describe('rankTopN', () => {
  const partners = [partner('JP', '40'), partner('US', '90'), partner('CN', '100'), partner('VN', '40'), partner('HK', '10.50')];

  it('given five partners, when the top 3 is asked, then they come largest first and the rest is summed', () => {
    const { top, others } = rankTopN(partners, 3, byValue);

    expect(top.map(({ rank, item, value }) => [rank, item.code, value])).toEqual([
      [1, 'CN', '100'],
      [2, 'US', '90'],
      [3, 'JP', '40'],
    ]);
    expect(others).toEqual({ count: 2, value: '50.5' });
  });

  it('given a tie at the cut, when ranked, then the key in code order decides: JP before VN', () => {
    expect(rankTopN(partners, 4, byValue).top.map((r) => r.item.code)).toEqual(['CN', 'US', 'JP', 'VN']);
  });

  it('given decimal strings that compare wrongly as text, when ranked, then they are compared as numbers', () => {
    const top = rankTopN([partner('AA', '9.99'), partner('BB', '10.00'), partner('CC', '100')], 3, byValue).top;

    expect(top.map((r) => r.item.code)).toEqual(['CC', 'BB', 'AA']);
  });

  it('given n of 0 or above the count, when ranked, then the lists are empty or complete', () => {
    expect(rankTopN(partners, 0, byValue)).toEqual({ top: [], others: { count: 5, value: '280.5' } });
    expect(rankTopN(partners, 10, byValue).others).toEqual({ count: 0, value: '0' });
  });

  it('given a repeated key or a bad n, when ranked, then it is refused', () => {
    expect(() => rankTopN([partner('CN', '1'), partner('CN', '2')], 1, byValue)).toThrow('"CN" appears twice');
    expect(() => rankTopN(partners, -1, byValue)).toThrow(RangeError);
    expect(() => rankTopN(partners, 1.5, byValue)).toThrow(RangeError);
  });

  it('given any input order, when ranked, then the ranking is the same', () => {
    const items = fc.uniqueArray(
      fc.record({ code: fc.stringMatching(/^[A-Z]{2}$/), valueUsd: fc.integer({ min: 0, max: 20 }).map(String) }),
      { selector: (p) => p.code, maxLength: 30 },
    );
    fc.assert(
      fc.property(items, fc.nat({ max: 35 }), (list, n) => {
        const reversed = rankTopN([...list].reverse(), n, byValue);
        expect(rankTopN(list, n, byValue)).toEqual(reversed);
      }),
    );
  });
});
