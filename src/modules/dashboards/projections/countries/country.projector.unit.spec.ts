import { CHINA_NAMES, countryEvents } from '../../../../../test/support/read-model-events';
import type { ReferenceCountry } from '../../../reference-data';
import { countryViewOf, evolveCountryDocument, type CountryDocument } from './country.projector';

const ASIA = { code: '142', nameEn: 'Asia', nameKo: '아시아' };
const EASTERN_ASIA = { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' };
const reference: ReferenceCountry = { code: 'CN', nameEn: 'China', nameKo: '중국', region: EASTERN_ASIA, continent: ASIA };

function apply(current: CountryDocument | null, ...events: ReturnType<typeof countryEvents.activated>[]): CountryDocument | null {
  return events.reduce<CountryDocument | null>((document, event) => evolveCountryDocument(document, event, reference) ?? document, current);
}

describe('evolveCountryDocument', () => {
  it('given a registration, when projected, then the country is active with its names, region, and the continent from reference data', () => {
    const document = apply(null, countryEvents.registered('CN', 'China', '중국', EASTERN_ASIA));

    expect(document).toEqual({
      code: 'CN',
      nameEn: 'China',
      nameKo: '중국',
      regionCode: '030',
      regionNameEn: 'Eastern Asia',
      regionNameKo: '동아시아',
      continentCode: '142',
      continentNameEn: 'Asia',
      continentNameKo: '아시아',
      active: true,
      deactivationReason: null,
      streamVersion: 1,
      updatedAt: '2026-09-01T00:00:00.000Z',
    });
  });

  it('given a deactivation then an activation, when projected, then the flag follows and the reason is kept only while inactive', () => {
    const registered = countryEvents.registered('CN', 'China', '중국', EASTERN_ASIA);

    const inactive = apply(null, registered, countryEvents.deactivated('CN', 2, 'sanctions'));
    const back = apply(inactive, countryEvents.activated('CN', 3));

    expect(inactive).toMatchObject({ active: false, deactivationReason: 'sanctions', streamVersion: 2 });
    expect(back).toMatchObject({ active: true, deactivationReason: null, streamVersion: 3 });
  });

  it('given an older or repeated event, when projected, then nothing changes', () => {
    const current = apply(null, countryEvents.registered('CN', 'China', '중국', EASTERN_ASIA), countryEvents.deactivated('CN', 2));

    expect(evolveCountryDocument(current, countryEvents.deactivated('CN', 2), reference)).toBeNull();
    expect(evolveCountryDocument(current, countryEvents.registered('CN', 'China', '중국', EASTERN_ASIA), reference)).toBeNull();
  });

  it('given a deactivation of a country whose registration was never projected, when projected, then it starts from reference data', () => {
    expect(apply(null, countryEvents.deactivated('CN', 2, 'seeded before the log'))).toMatchObject({
      code: 'CN',
      nameEn: 'China',
      continentCode: '142',
      active: false,
      streamVersion: 2,
    });
  });

  it('given a document, when viewed for facts, then names are prefixed as the facts carry them', () => {
    const document = apply(null, countryEvents.registered('CN', 'China', '중국', EASTERN_ASIA))!;

    expect(countryViewOf(document)).toEqual({ code: 'CN', active: true, ...CHINA_NAMES });
  });
});
