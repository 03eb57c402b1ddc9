// Test builders for the countries domain; countries are built through the real behaviours.
import { CountryCode } from '../../src/kernel/country-code';
import { Country, CountryProps } from '../../src/modules/countries/domain/country';
import { CountryEvent } from '../../src/modules/countries/domain/country.events';

export const EASTERN_ASIA = { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' };

export const countryProps = (overrides: Partial<Omit<CountryProps, 'code'>> & { code?: string } = {}): CountryProps => ({
  nameEn: 'China',
  nameKo: '중국',
  region: EASTERN_ASIA,
  ...overrides,
  code: CountryCode.of(overrides.code ?? 'CN'),
});

type Step = (country: Country) => void;

class CountryBuilder {
  private props = countryProps();
  private readonly steps: Step[] = [];

  withProps(overrides: Parameters<typeof countryProps>[0]): this {
    this.props = countryProps(overrides);
    return this;
  }

  deactivated(reason = 'sanctions'): this {
    this.steps.push((country) => country.deactivate(reason));
    return this;
  }

  activated(): this {
    this.steps.push((country) => country.activate());
    return this;
  }

  buildWithHistory(): { country: Country; history: CountryEvent[] } {
    const country = Country.register(this.props);
    for (const step of this.steps) step(country);
    return { country, history: country.pullPendingEvents() };
  }

  build(): Country {
    return this.buildWithHistory().country;
  }
}

export const aCountry = (): CountryBuilder => new CountryBuilder();
