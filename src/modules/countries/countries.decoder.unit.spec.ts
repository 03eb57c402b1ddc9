import { decodeCountryMessage } from './countries.decoder';

describe('decodeCountryMessage', () => {
  it('given an activation with a country code, when decoded, then it is the typed message', () => {
    expect(decodeCountryMessage('CountryActivated', 1, { code: 'KR' })).toEqual({
      ok: true,
      message: { type: 'CountryActivated', schemaVersion: 1, data: { code: 'KR' } },
    });
  });

  it.each([
    ['a lower-case code', 'CountryDeactivated', 1, { code: 'kr', reason: 'x' }, 'no valid country code'],
    ['no data', 'CountryRegistered', 1, null, 'no valid country code'],
    ['an unread schema version', 'CountryActivated', 3, { code: 'KR' }, 'schema version 3 is not read'],
    ['another context’s type', 'ProductCategoryCreated', 1, { code: '85' }, 'not a countries message'],
  ])('given %s, when decoded, then it is refused with the reason', (_, type, version, data, problem) => {
    expect(decodeCountryMessage(type, version, data)).toEqual({ ok: false, problem });
  });
});
