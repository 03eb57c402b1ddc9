import { monthlyTrendId, parseScope, scopesOfFact, TouchedScopes, yearSummaryId } from './summary-scopes';

describe('summary scopes', () => {
  it('given a 10-digit fact, when its scopes are listed, then they are the total, its country and its chapter, heading and subheading', () => {
    expect(scopesOfFact('CN', '8518309000')).toEqual(['total', 'country-CN', 'hs-85', 'hs-8518', 'hs-851830']);
    expect(scopesOfFact('US', '8518')).toEqual(['total', 'country-US', 'hs-85', 'hs-8518']);
  });

  it('given scope ids, when parsed, then they name their kind; anything else is refused', () => {
    expect(parseScope('total')).toEqual({ kind: 'total' });
    expect(parseScope('country-CN')).toEqual({ kind: 'country', countryCode: 'CN' });
    expect(parseScope('hs-851830')).toEqual({ kind: 'product', hsCode: '851830' });
    expect(() => parseScope('hs-8518309000')).toThrow('not a summary scope');
  });

  it('given scopes, when turned into ids, then month and year documents have stable ids', () => {
    expect(monthlyTrendId('hs-8518', '2026-08')).toBe('hs-8518-2026-08');
    expect(yearSummaryId(parseScope('country-CN'), 2026)).toBe('CN-2026');
    expect(yearSummaryId(parseScope('hs-8518'), 2026)).toBe('8518-2026');
    expect(() => yearSummaryId(parseScope('total'), 2026)).toThrow('no year summary');
  });

  it('given facts of a batch, when touched, then each period lists its scopes once, sorted, and years list the non-total ones', () => {
    const touched = new TouchedScopes().addFact('US', '8518', '2026-08').addFact('CN', '8518', '2026-08').addFact('CN', '85', '2025-01');

    expect(touched.periods()).toEqual([
      ['2025-01', ['country-CN', 'hs-85', 'total']],
      ['2026-08', ['country-CN', 'country-US', 'hs-85', 'hs-8518', 'total']],
    ]);
    expect(touched.years()).toEqual([
      [2025, ['country-CN', 'hs-85']],
      [2026, ['country-CN', 'country-US', 'hs-85', 'hs-8518']],
    ]);
    expect(touched.size).toBe(8);
  });
});
