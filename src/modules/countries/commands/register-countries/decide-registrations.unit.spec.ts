import type { RegisterCountryInput } from '../register-country/register-country.command';
import { countriesToRegister } from './decide-registrations';

const country = (code: string, region: RegisterCountryInput['region'] = null): RegisterCountryInput => ({
  code,
  nameEn: `Country ${code}`,
  nameKo: `국가 ${code}`,
  region,
});

describe('countriesToRegister', () => {
  it('given some codes registered, when decided, then only the others are registered, each as a new stream', () => {
    const easternAsia = { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' };

    const decided = countriesToRegister([country('CN', easternAsia), country('KR'), country('ZZ')], new Set(['KR']));

    expect(decided.map(({ country, expectedVersion }) => [country.code.value, country.region, expectedVersion])).toEqual([
      ['CN', easternAsia, 0],
      ['ZZ', null, 0],
    ]);
    expect(decided[0]?.country.pullPendingEvents().map((event) => event.type)).toEqual(['CountryRegistered']);
  });
});
