import { formatRoute, linkTo, parseRoute } from './route';

describe('hash routes', () => {
  it('reads the dashboard with its period and language', () => {
    expect(parseRoute('#/?year=2025&month=3&lang=en', 'ko')).toEqual({ view: { name: 'dashboard' }, year: 2025, month: 3, lang: 'en' });
  });

  it('reads a country page, upper-casing the code', () => {
    expect(parseRoute('#/country/cn?year=2024', 'ko')).toEqual({ view: { name: 'country', code: 'CN' }, year: 2024, month: null, lang: 'ko' });
  });

  it.each(['85', '8542', '854231'])('reads a product page of HS %s', (hsCode) => {
    expect(parseRoute(`#/product/${hsCode}`, 'en').view).toEqual({ name: 'product', hsCode });
  });

  it.each(['#/product/854', '#/product/8542310000', '#/country/CHN', '#/nowhere', '', '#'])('falls back to the dashboard for %s', (hash) => {
    expect(parseRoute(hash, 'ko').view).toEqual({ name: 'dashboard' });
  });

  it.each([
    ['year=abc', null, null],
    ['year=2025&month=13', 2025, null],
    ['year=2025&month=0', 2025, null],
    ['year=12345&month=12', null, 12],
  ])('ignores a period it cannot read (%s)', (query, year, month) => {
    const route = parseRoute(`#/?${query}`, 'ko');
    expect([route.year, route.month]).toEqual([year, month]);
  });

  it('falls back to the default language for an unknown one', () => {
    expect(parseRoute('#/?lang=fr', 'en').lang).toBe('en');
  });

  it('writes what it reads', () => {
    const hashes = ['#/?year=2025&month=3&lang=ko', '#/country/US?year=2021&lang=en', '#/product/8542?lang=ko'];
    for (const hash of hashes) expect(formatRoute(parseRoute(hash, 'en'))).toBe(hash);
  });

  it('keeps the period and language in a link to another view', () => {
    const route = parseRoute('#/?year=2025&month=7&lang=en', 'ko');
    expect(linkTo(route, { name: 'country', code: 'VN' })).toBe('#/country/VN?year=2025&month=7&lang=en');
  });
});
