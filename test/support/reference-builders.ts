import { randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import type { RegisterCountryInput } from '../../src/modules/countries/commands/register-country/register-country.command';

/**
 * Countries and categories for tests. The seed registers every real ISO code, so tests register
 * user-assigned codes (XA-XZ; no ISO country and not in countries.json), each file its own, and
 * delete them before and after. Categories are random 10-digit HSK lines under a real subheading.
 */
export function aCountryInput(code: string, overrides: Partial<RegisterCountryInput> = {}): RegisterCountryInput {
  return {
    code,
    nameEn: `Test country ${code}`,
    nameKo: `시험 국가 ${code}`,
    region: { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' },
    ...overrides,
  };
}

/** An HSK line no other test uses, under 8518.10 (microphones), which the seed puts in the catalogue. */
export function aCategoryCode(subheading = '851810'): string {
  return `${subheading}${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

/** How many rows the aggregate has (0 or 1) and how many events its stream has. */
export async function rowsOf(
  db: Pool,
  table: 'country' | 'product_category',
  key: string,
): Promise<{ rows: number; events: number }> {
  const streamId = `${table === 'country' ? 'country' : 'product'}:${key}`;
  const { rows } = await db.query<{ rows: number; events: number }>(
    `select (select count(*) from ${table} where key = $1)::int as rows,
            (select count(*) from event_log where stream_id = $2)::int as events`,
    [key, streamId],
  );
  return rows[0];
}

export async function deleteCountries(db: Pool, codes: readonly string[]): Promise<void> {
  await db.query('delete from country where key = any($1::text[])', [codes]);
  await db.query('delete from event_log where stream_id = any($1::text[])', [codes.map((code) => `country:${code}`)]);
}

/** Deepest first, so no child outlives its parent (the parent key is a foreign key). */
export async function deleteCategories(db: Pool, codes: readonly string[]): Promise<void> {
  const deepestFirst = [...codes].sort((a, b) => b.length - a.length);
  for (const code of deepestFirst) await db.query('delete from product_category where key = $1', [code]);
  await db.query('delete from event_log where stream_id = any($1::text[])', [codes.map((code) => `product:${code}`)]);
}
