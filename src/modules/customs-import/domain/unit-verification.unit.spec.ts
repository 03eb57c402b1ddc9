import { importUnit } from './import-unit';
import { MonthRange } from './month-range';
import { reconcileScope } from './reconcile-scope';
import { SourceRow } from './source-row';
import { findUnknownPartners, PartnerReference, verifyUnit } from './unit-verification';

const UNIT = importUnit('8518', MonthRange.parse('2026-07..2026-08'));
const NAMES: Record<string, string> = { 중국: 'CN', 미국: 'US', 일본: 'JP' };
const PARTNERS: PartnerReference = { isKnownCode: (code) => ['CN', 'US', 'JP'].includes(code), resolveName: (name) => NAMES[name] };

function row(partner: string, hsCode: string, period: string, valueUsd: string, weightKg = '1', partnerName?: string): SourceRow {
  const name = partnerName ?? Object.keys(NAMES).find((key) => NAMES[key] === partner) ?? '어딘가';
  return { partner, partnerName: name, hsCode, period, valueUsd, weightKg };
}

describe('verifyUnit', () => {
  it('given rows adding up exactly to the grand total, then the unit passes with both figures', () => {
    const rows = [row('CN', '8518309000', '2026-08', '999999999999999998', '5'), row('US', '8518100000', '2026-07', '1', '7')];

    const verdict = verifyUnit(UNIT, { valueUsd: '999999999999999999', weightKg: '12' }, rows);

    expect(verdict).toEqual({
      ok: true,
      checksum: { sourceValueUsd: '999999999999999999.00', sourceWeightKg: '12.000', rowsValueUsd: '999999999999999999.00', rowsWeightKg: '12.000' },
    });
  });

  it('given a grand total 1,000 USD above the rows, then the unit is refused naming both figures', () => {
    const verdict = verifyUnit(UNIT, { valueUsd: '1010', weightKg: '8' }, [row('CN', '8518309000', '2026-08', '10', '1')]);

    expect(verdict).toMatchObject({ ok: false, code: 'CUSTOMS_IMPORT.CHECKSUM_MISMATCH' });
    expect(verdict.ok || verdict.reason).toBe("the rows add up to 10.00 USD and 1.000 kg, the source's grand total says 1010.00 USD and 8.000 kg");
  });

  it('given no grand total and no rows, then the empty unit passes at zero', () => {
    expect(verifyUnit(UNIT, undefined, [])).toMatchObject({ ok: true, checksum: { sourceValueUsd: '0.00', rowsValueUsd: '0.00' } });
  });

  it.each([
    ['a code outside the prefix', row('CN', '8517309000', '2026-08', '1'), 'CUSTOMS_IMPORT.ROW_INVALID'],
    ['a 6-digit code', row('CN', '851830', '2026-08', '1'), 'CUSTOMS_IMPORT.ROW_INVALID'],
    ['a month outside the range', row('CN', '8518309000', '2026-09', '1'), 'CUSTOMS_IMPORT.ROW_INVALID'],
    ['a fractional value', row('CN', '8518309000', '2026-08', '1.5'), 'CUSTOMS_IMPORT.ROW_INVALID'],
    ['a negative weight', row('CN', '8518309000', '2026-08', '1', '-1'), 'CUSTOMS_IMPORT.ROW_INVALID'],
  ])('given %s, then the unit is refused', (_, bad, code) => {
    expect(verifyUnit(UNIT, { valueUsd: '1', weightKg: '1' }, [bad])).toMatchObject({ ok: false, code });
  });

  it('given the same partner, code and month twice, then the unit is refused', () => {
    const twice = [row('CN', '8518309000', '2026-08', '1'), row('CN', '8518309000', '2026-08', '1')];

    expect(verifyUnit(UNIT, { valueUsd: '2', weightKg: '2' }, twice)).toMatchObject({ ok: false, code: 'CUSTOMS_IMPORT.ROW_DUPLICATED' });
  });
});

describe('findUnknownPartners', () => {
  it('given an unknown code, an unknown name and a name of another country, then each is reported with its row count', () => {
    const rows = [
      row('XK', '8518309000', '2026-08', '1', '1', '코소보'),
      row('XK', '8518100000', '2026-08', '1', '1', '코소보'),
      row('CN', '8518100000', '2026-08', '1', '1', '중화'),
      row('JP', '8518100000', '2026-07', '1', '1', '중국'),
      row('US', '8518100000', '2026-07', '1'),
    ];

    expect(findUnknownPartners(rows, PARTNERS)).toEqual([
      { code: 'CN', name: '중화', reason: 'unknown-name', rows: 1 },
      { code: 'JP', name: '중국', reason: 'name-contradicts-code', rows: 1 },
      { code: 'XK', name: '코소보', reason: 'unknown-code', rows: 2 },
    ]);
  });
});

describe('reconcileScope', () => {
  const current = [
    { key: 'CN-8518309000-2026-08', valueUsd: '10.00', weightKg: '1.000' },
    { key: 'US-8518309000-2026-08', valueUsd: '20.00', weightKg: '2.000' },
    { key: 'JP-8518309000-2026-08', valueUsd: '30.00', weightKg: '3.000' },
    { key: 'CN-8518100000-2026-07', valueUsd: '40.00', weightKg: '4.000' },
    { key: 'JP-8518100000-2026-07', valueUsd: '50.00', weightKg: '5.000' },
  ];

  it('given the source with one row equal, one changed, one new, one vanished and one at zero, then exactly those changes', () => {
    const rows = [
      row('CN', '8518309000', '2026-08', '10', '1'),
      row('US', '8518309000', '2026-08', '21', '2'),
      row('US', '8518100000', '2026-07', '5', '1'),
      row('CN', '8518100000', '2026-07', '0', '4'),
      row('US', '8518900000', '2026-07', '0', '0'),
      row('JP', '8518100000', '2026-07', '50', '5', '중화'),
    ];

    const plan = reconcileScope(rows, current, PARTNERS);

    expect(plan.counts).toEqual({ recorded: 1, revised: 1, retracted: 2, unchanged: 1 });
    expect(plan.upserts.map((u) => `${u.countryCode}-${u.hsCode}-${u.period}=${u.valueUsd}`)).toEqual(['US-8518309000-2026-08=21', 'US-8518100000-2026-07=5']);
    // JP-8518100000-2026-07 has a row whose partner name is not recognised: reported elsewhere, neither applied nor retracted.
    expect(plan.retractions).toEqual(['JP-8518309000-2026-08', 'CN-8518100000-2026-07']);
  });

  it('given the source equal to the scope, then nothing to write', () => {
    const rows = current.map((figure) => {
      const [partner, hsCode, year, month] = figure.key.split('-');
      return row(partner, hsCode, `${year}-${month}`, figure.valueUsd.replace('.00', ''), figure.weightKg.replace('.000', ''));
    });

    expect(reconcileScope(rows, current, PARTNERS)).toEqual({ upserts: [], retractions: [], counts: { recorded: 0, revised: 0, retracted: 0, unchanged: 5 } });
  });
});
