import { h, replace } from './dom';
import { displayName } from './format';
import { query } from './graphql';
import { words } from './i18n';
import { SEARCH, type SearchData, type SearchHit } from './queries';
import { linkTo, type Route } from './route';

const DEBOUNCE_MS = 250;

/** Product search in Korean or English (or by HS code) as you type; each hit opens its product page. */
export function mountSearch(container: HTMLElement, route: Route): void {
  const w = words(route.lang);
  const results = h('ul', { class: 'search-results', id: 'product-search-results' });
  const input = h('input', { type: 'search', id: 'product-search', 'data-testid': 'product-search', autocomplete: 'off', 'aria-controls': 'product-search-results' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value.trim()), DEBOUNCE_MS);
  });
  async function run(text: string): Promise<void> {
    const ask = ++asked;
    if (!text) return replace(results);
    try {
      const { searchProducts } = await query<SearchData>(SEARCH, { text });
      if (ask !== asked) return;
      replace(results, ...(searchProducts.hits.length ? searchProducts.hits.map((hit) => item(hit, route)) : [h('li', { class: 'none' }, w.searchNone)]));
    } catch (error) {
      if (ask === asked) replace(results, h('li', { class: 'none' }, error instanceof Error ? error.message : w.errorOther));
    }
  }
  replace(container, h('label', { for: 'product-search' }, w.search), input, results);
}

function item(hit: SearchHit, route: Route): HTMLElement {
  // Pages exist for chapters, headings and subheadings; a 10-digit line opens its subheading.
  const hsCode = hit.hsCode.slice(0, Math.min(6, hit.hsCode.length));
  return h(
    'li',
    {},
    h('a', { 'data-testid': 'product-result', 'data-code': hit.hsCode, href: linkTo(route, { name: 'product', hsCode }) }, h('span', { class: 'code' }, hit.hsCode), ' ', displayName(route.lang, hit, hit.hsCode)),
  );
}
