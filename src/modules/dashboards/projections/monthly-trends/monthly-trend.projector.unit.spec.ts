import { CHINA_NAMES } from '../../../../../test/support/read-model-events';
import type { CountryView } from '../../domain/denormalized-names';
import { summarizeMonth } from './monthly-trend.projector';

const AT = '2026-11-21T00:00:00.000Z';
const china: CountryView = { code: 'CN', active: false, ...CHINA_NAMES };
const figures = { valueUsdCents: 123_456, weightGrams: 7_500, factCount: 3 };

describe('summarizeMonth', () => {
  it('given the national figures of a month, when summarized, then the document has exact units and display numbers', () => {
    expect(summarizeMonth('total', '2026-08', figures, {}, AT)).toEqual({
      scope: 'total',
      kind: 'total',
      countryCode: null,
      countryNameEn: null,
      countryNameKo: null,
      hsCode: null,
      hsLevel: null,
      productNameEn: null,
      productNameKo: null,
      active: true,
      period: '2026-08',
      year: 2026,
      month: 8,
      valueUsdCents: 123_456,
      weightGrams: 7_500,
      valueUsd: 1234.56,
      weightKg: 7.5,
      factCount: 3,
      updatedAt: AT,
    });
  });

  it("given a country scope, when summarized, then it carries the country's names and its active flag", () => {
    expect(summarizeMonth('country-CN', '2026-08', figures, { country: china }, AT)).toMatchObject({
      kind: 'country',
      countryCode: 'CN',
      countryNameKo: '중국',
      active: false,
      valueUsdCents: 123_456,
    });
  });

  it('given an HS scope, when summarized, then it carries the code, its level and names', () => {
    const product = { code: '8518', nameEn: 'Microphones', nameKo: '마이크', sectionCode: 'XVI', sectionNameEn: 'Machinery' };

    expect(summarizeMonth('hs-8518', '2026-08', figures, { product }, AT)).toMatchObject({
      kind: 'product',
      hsCode: '8518',
      hsLevel: 4,
      productNameEn: 'Microphones',
      productNameKo: '마이크',
      active: true,
    });
  });

  it('given a scope without the context it needs, when summarized, then it fails loudly', () => {
    expect(() => summarizeMonth('country-US', '2026-08', figures, { country: china }, AT)).toThrow('country-US needs its country');
  });
});
