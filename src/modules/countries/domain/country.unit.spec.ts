import fc from 'fast-check';
import { CountryCode } from '../../../kernel/country-code';
import { ValidationError } from '../../../kernel/domain-error';
import { CountryVersionConflictError } from '../countries.errors';
import { Country, countryStreamId } from './country';
import { aCountry, countryProps, EASTERN_ASIA } from '../../../../test/support/country.fixtures';
import { evolveCountry, initialCountryState } from './country.state';

describe('Country.register', () => {
  it('given valid props, when registered, then CountryRegistered v1 carries them all and the country starts active', () => {
    const country = Country.register(countryProps({ code: 'cn', nameEn: ' China ', nameKo: '중국' }));

    expect(country.pullPendingEvents()).toEqual([
      {
        type: 'CountryRegistered',
        schemaVersion: 1,
        data: { code: 'CN', nameEn: 'China', nameKo: '중국', region: EASTERN_ASIA },
      },
    ]);
    expect(country.toSnapshot()).toEqual({ ...countryProps(), active: true, version: 1 });
    expect(country.streamId).toBe('country:CN');
  });

  it('given ZZ without a region, when registered, then the region is null', () => {
    const country = Country.register(countryProps({ code: 'ZZ', nameEn: 'Other countries', nameKo: '기타국가', region: null }));

    expect(country.region).toBeNull();
    expect(country.pullPendingEvents()[0]?.data).toMatchObject({ region: null });
  });

  it.each([
    [{ nameEn: '' }, 'nameEn', 'must not be empty'],
    [{ nameKo: '  ' }, 'nameKo', 'must not be empty'],
    [{ nameEn: 'x'.repeat(201) }, 'nameEn', 'must be at most 200 characters, got 201'],
    [{ region: { ...EASTERN_ASIA, code: '30' } }, 'region.code', 'must be a three-digit UN M49 code, got "30"'],
    [{ region: { ...EASTERN_ASIA, nameKo: '' } }, 'region.nameKo', 'must not be empty'],
  ])('given %j, when registered, then %s is refused: %s', (overrides, field, reason) => {
    const attempt = () => Country.register(countryProps(overrides));

    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(expect.objectContaining({ message: `${field} ${reason}`, details: { field, reason } }));
  });

  it('given a name of exactly 200 characters, when registered, then it is accepted', () => {
    expect(Country.register(countryProps({ nameEn: 'x'.repeat(200) })).nameEn).toHaveLength(200);
  });
});

describe('Country.deactivate', () => {
  it('given an active country at version 1, when deactivated with version 1, then CountryDeactivated carries the reason', () => {
    const country = aCountry().build();

    country.deactivate(' no longer reported by customs ', 1);

    expect(country.pullPendingEvents()).toEqual([
      { type: 'CountryDeactivated', schemaVersion: 1, data: { code: 'CN', reason: 'no longer reported by customs' } },
    ]);
    expect([country.active, country.version]).toEqual([false, 2]);
  });

  it('given an inactive country, when deactivated again, then nothing is recorded (idempotent)', () => {
    const country = aCountry().deactivated().build();

    country.deactivate('again');

    expect(country.pullPendingEvents()).toEqual([]);
    expect([country.active, country.version]).toEqual([false, 2]);
  });

  it('given a blank reason, when deactivated, then the reason is required even if nothing would change', () => {
    expect(() => aCountry().build().deactivate('  ')).toThrow(new ValidationError('reason', 'must not be empty'));
    expect(() => aCountry().deactivated().build().deactivate('')).toThrow('reason must not be empty');
  });

  it('given a country at version 2, when deactivated with version 1, then it is a conflict naming both versions', () => {
    const country = aCountry().deactivated().activated().build();

    const attempt = () => country.deactivate('sanctions', 1);

    expect(attempt).toThrow(CountryVersionConflictError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'COUNTRY.VERSION_CONFLICT',
        category: 'VERSION_CONFLICT',
        details: { countryCode: 'CN', expectedVersion: 1, actualVersion: 3 },
      }),
    );
    expect(country.active).toBe(true);
  });
});

describe('Country.activate', () => {
  it('given an inactive country, when activated, then CountryActivated is recorded', () => {
    const country = aCountry().deactivated().build();

    country.activate(2);

    expect(country.pullPendingEvents()).toEqual([{ type: 'CountryActivated', schemaVersion: 1, data: { code: 'CN' } }]);
    expect([country.active, country.version]).toEqual([true, 3]);
  });

  it('given an active country, when activated, then nothing is recorded (idempotent)', () => {
    const country = aCountry().build();

    country.activate();

    expect(country.pullPendingEvents()).toEqual([]);
    expect(country.version).toBe(1);
  });

  it('given an active country and a stale version, when activated, then the conflict wins over the no-op', () => {
    const country = aCountry().deactivated().activated().build();

    expect(() => country.activate(2)).toThrow(CountryVersionConflictError);
  });
});

describe('Country history', () => {
  it('given the events of a country, when replayed, then it equals the aggregate that produced them', () => {
    const { country, history } = aCountry().deactivated().activated().deactivated('war').buildWithHistory();

    expect(Country.fromHistory(history).toSnapshot()).toEqual(country.toSnapshot());
    expect(country.toSnapshot()).toMatchObject({ active: false, version: 4 });
  });

  it('given an empty history, when replayed, then it is refused', () => {
    expect(() => Country.fromHistory([])).toThrow('an empty history names no country');
  });

  it('given an activation before any registration, when folded, then it fails loudly (corrupt log)', () => {
    const state = initialCountryState(CountryCode.of('CN'));

    expect(() => evolveCountry(state, { type: 'CountryActivated', schemaVersion: 1, data: { code: 'CN' } })).toThrow(
      'CountryActivated of CN before CountryRegistered',
    );
  });

  it('given an event of another country, when folded, then it is refused', () => {
    const [registered] = aCountry().buildWithHistory().history;
    const state = initialCountryState(CountryCode.of('KR'));

    expect(() => evolveCountry(state, registered)).toThrow('CountryRegistered of CN cannot apply to country KR');
  });

  it('given a persisted row, when restored, then it behaves from that version on', () => {
    const country = Country.restore({ ...countryProps({ code: 'KR' }), active: false, version: 7 });

    country.activate(7);

    expect([country.active, country.version, country.streamId]).toEqual([true, 8, 'country:KR']);
    expect(country.pullPendingEvents()).toHaveLength(1);
  });

  it('given a row with version 0, when restored, then it is refused as corrupt', () => {
    expect(() => Country.restore({ ...countryProps(), active: true, version: 0 })).toThrow('stored version 0 is not >= 1');
  });

  it('given any sequence of activations and deactivations, when replayed, then version counts the events that changed something', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (toggles) => {
        const country = Country.register(countryProps());
        for (const on of toggles) {
          if (on) country.activate();
          else country.deactivate('property test');
        }
        const history = country.pullPendingEvents();

        expect(country.version).toBe(history.length);
        expect(Country.fromHistory(history).toSnapshot()).toEqual(country.toSnapshot());
        expect(country.active).toBe(toggles.length === 0 ? true : toggles[toggles.length - 1]);
      }),
    );
  });

  it('given a code, when its stream id is built, then it is country:<CODE>', () => {
    expect(countryStreamId(CountryCode.of('jp'))).toBe('country:JP');
  });
});
