import { decodeStatisticMessage } from './statistics.decoder';

const KEY = { countryCode: 'CN', hsCode: '8518309000', period: '2026-08' };

describe('decodeStatisticMessage', () => {
  it('given a recorded message of the contract shape, when decoded, then it is the typed message', () => {
    const data = { ...KEY, valueUsd: '12.50', weightKg: '3.000' };
    expect(decodeStatisticMessage('ExportStatisticRecorded', 1, data)).toEqual({
      ok: true,
      message: { type: 'ExportStatisticRecorded', schemaVersion: 1, data },
    });
  });

  it('given a retraction with its key, when decoded, then no amounts are asked for', () => {
    expect(decodeStatisticMessage('ExportStatisticRetracted', 1, { ...KEY, reason: 'twice' }).ok).toBe(true);
  });

  it.each([
    ['no key', 'ExportStatisticRecorded', 1, { valueUsd: '1', weightKg: '1' }, 'no valid countryCode, hsCode and period'],
    ['a float amount', 'ExportStatisticRevised', 1, { ...KEY, valueUsd: 1.5, weightKg: '1' }, 'no valid valueUsd and weightKg'],
    ['data that is not an object', 'ExportStatisticRecorded', 1, 'CN', 'no valid countryCode, hsCode and period'],
    ['an unread schema version', 'ExportStatisticRecorded', 2, { ...KEY, valueUsd: '1', weightKg: '1' }, 'schema version 2 is not read'],
    ['another context’s type', 'CountryActivated', 1, { code: 'CN' }, 'not a statistics message'],
  ])('given %s, when decoded, then it is refused with the reason', (_, type, version, data, problem) => {
    expect(decodeStatisticMessage(type, version, data)).toEqual({ ok: false, problem });
  });
});
