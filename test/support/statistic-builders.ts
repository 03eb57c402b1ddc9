import { randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import type { StatisticInput } from '../../src/modules/statistics/statistic-input';

/**
 * A user-assigned ISO 3166 code that no test ever registers: tests that need an unknown country use
 * it, so they cannot race a test that registers spare codes (see random-commands.ts).
 */
export const UNKNOWN_COUNTRY_CODE = 'QQ';

/**
 * A statistic no other test (or earlier run) uses: a random 10-digit national code under a real
 * chapter. Tests delete what they create with `deleteStatistics`.
 */
export function aStatisticInput(overrides: Partial<StatisticInput> = {}): StatisticInput {
  const national = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return { countryCode: 'CN', hsCode: `85${national}`, period: '2026-08', valueUsd: '50463.00', weightKg: '539.000', ...overrides };
}

export function keyOf(input: Pick<StatisticInput, 'countryCode' | 'hsCode' | 'period'>): string {
  return `${input.countryCode}-${input.hsCode}-${input.period}`;
}

export async function countRows(db: Pool, key: string): Promise<{ statistics: number; events: number }> {
  const { rows } = await db.query<{ statistics: number; events: number }>(
    `select (select count(*) from export_statistic where key = $1)::int as statistics,
            (select count(*) from event_log where stream_id = 'statistic:' || $1)::int as events`,
    [key],
  );
  return rows[0];
}

export async function deleteStatistics(db: Pool, keys: readonly string[]): Promise<void> {
  await db.query('delete from export_statistic where key = any($1::text[])', [keys]);
  await db.query(`delete from event_log where stream_id = any($1::text[])`, [keys.map((key) => `statistic:${key}`)]);
}
