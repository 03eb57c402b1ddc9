import { loadCountryReference } from '../../../src/modules/reference-data';
import { STAND_IN_PARTNERS } from './stand-in-partners';

describe('STAND_IN_PARTNERS', () => {
  it('given the customs spellings, when resolved through the alias table of data/reference, then each gives its own ISO code', () => {
    const countries = loadCountryReference();

    expect(STAND_IN_PARTNERS.map(({ name }) => countries.resolveCustomsName(name))).toEqual(STAND_IN_PARTNERS.map(({ code }) => code));
  });

  it('given the table, then it is alphabetical by code, as the service lists partners', () => {
    const codes = STAND_IN_PARTNERS.map(({ code }) => code);

    expect(codes).toEqual([...codes].sort());
    expect(codes).toContain('ZZ');
  });
});
