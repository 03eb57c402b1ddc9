/**
 * A reading shared by the gauges of one scrape: prom-client collects gauges one by one, and several
 * gauges read from one query. The same answer for calls within a second; a failed read gives the
 * fallback (NaN, say), so a scrape answers even while the database is away.
 */
export function perScrape<T>(read: () => Promise<T>, fallback: T): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > 1000) cached = { at: Date.now(), value: read().catch(() => fallback) };
    return cached.value;
  };
}
