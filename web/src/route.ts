/**
 * Hash routes: `#/` (the dashboard), `#/country/<CODE>`, `#/product/<HS>`, each with
 * `?year=&month=&lang=` kept in the hash so that a link, a reload or the back button shows the
 * same thing. Pure: parsing never throws, anything unreadable falls back to the dashboard.
 */
export type Lang = 'ko' | 'en';

export type View =
  | { readonly name: 'dashboard' }
  | { readonly name: 'country'; readonly code: string }
  | { readonly name: 'product'; readonly hsCode: string };

export interface Route {
  readonly view: View;
  /** Null: not chosen yet (the page picks the year of the latest published month). */
  readonly year: number | null;
  /** Null: the whole year. */
  readonly month: number | null;
  readonly lang: Lang;
}

const COUNTRY = /^\/country\/([A-Za-z]{2})$/;
const PRODUCT = /^\/product\/(\d{2}|\d{4}|\d{6})$/;

export function parseRoute(hash: string, defaultLang: Lang): Route {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = body.split('?', 2);
  const params = new URLSearchParams(query);
  return {
    view: parseView(decodeURIComponent(path)),
    year: integerIn(params.get('year'), 1900, 9999),
    month: integerIn(params.get('month'), 1, 12),
    lang: params.get('lang') === 'en' ? 'en' : params.get('lang') === 'ko' ? 'ko' : defaultLang,
  };
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.year !== null) params.set('year', String(route.year));
  if (route.month !== null) params.set('month', String(route.month));
  params.set('lang', route.lang);
  return `#${viewPath(route.view)}?${params.toString()}`;
}

export function viewPath(view: View): string {
  switch (view.name) {
    case 'dashboard':
      return '/';
    case 'country':
      return `/country/${view.code}`;
    case 'product':
      return `/product/${view.hsCode}`;
    default:
      return assertNever(view);
  }
}

/** A link to another view that keeps the period and language on screen. */
export function linkTo(route: Route, view: View): string {
  return formatRoute({ ...route, view });
}

function parseView(path: string): View {
  const country = COUNTRY.exec(path);
  if (country) return { name: 'country', code: country[1]!.toUpperCase() };
  const product = PRODUCT.exec(path);
  if (product) return { name: 'product', hsCode: product[1]! };
  return { name: 'dashboard' };
}

function integerIn(text: string | null, min: number, max: number): number | null {
  if (text === null || !/^\d{1,4}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

function assertNever(value: never): never {
  throw new Error(`unexpected view ${JSON.stringify(value)}`);
}
