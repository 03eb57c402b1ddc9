import Decimal from 'decimal.js';
import type { Pool } from 'pg';
import type { StandInData } from './customs-stand-in/stand-in-data';

// What a customs import must leave, computed from the stand-in's own data, and what it left, read
// from PostgreSQL: the two sides a test of the import compares.

/** A statistic as the write side must hold it: exact decimals, as PostgreSQL's numeric(20,2) / (21,3) print them. */
export interface ExpectedFigure {
  readonly valueUsd: string;
  readonly weightKg: string;
}

/**
 * What importing these HS prefixes of one month must leave on a write side that knows every
 * partner, computed from the stand-in's own data, never from what the import reports.
 */
export interface ExpectedImport {
  /** `<partner>-<HSK>-<YYYY>-<MM>` of every row with exports, and its figures. */
  readonly figures: ReadonlyMap<string, ExpectedFigure>;
  /** Rows whose value is above the threshold: recording each also raises ExportThresholdExceeded. */
  readonly aboveThreshold: number;
  /** Every row the source serves, zero rows included: what the import fetches. */
  readonly rows: number;
  /** The sum of the units' grand totals, as the stand-in writes them: every row, zero rows included. */
  readonly grandTotal: ExpectedFigure;
}

/** `month` is YYYY-MM; `thresholdUsd` is the instance's EXPORT_THRESHOLD_USD. */
export function expectedImport(data: StandInData, month: string, prefixes: readonly string[], thresholdUsd: string): ExpectedImport {
  const figures = new Map<string, ExpectedFigure>();
  let aboveThreshold = 0;
  let rows = 0;
  let value = new Decimal(0);
  let weight = new Decimal(0);
  for (const prefix of prefixes) {
    for (const row of data.rows(month.replace('-', ''), prefix)) {
      value = value.plus(row.expDlr);
      weight = weight.plus(row.expWgt);
      rows += 1;
      if (row.expDlr === 0) continue;
      figures.set(`${row.statCd}-${row.hsCd}-${month}`, { valueUsd: new Decimal(row.expDlr).toFixed(2), weightKg: new Decimal(row.expWgt).toFixed(3) });
      if (new Decimal(row.expDlr).greaterThan(thresholdUsd)) aboveThreshold += 1;
    }
  }
  return { figures, aboveThreshold, rows, grandTotal: { valueUsd: value.toFixed(2), weightKg: weight.toFixed(3) } };
}

/** Each unit's state, by HS prefix. */
export async function unitStates(db: Pool, importId: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ prefix: string; state: string }>('select hs_prefix as prefix, state from customs_import_unit where import_id = $1', [importId]);
  return Object.fromEntries(rows.map((row) => [row.prefix, row.state]));
}

/** ExportStatisticRecorded events of the import, in one chapter when given (stream ids are `statistic:<CC>-<HSK>-<YYYY>-<MM>`). */
export async function recordedEvents(db: Pool, correlationId: string, chapter?: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `select count(*)::int as count from event_log
     where metadata->>'correlationId' = $1 and type = 'ExportStatisticRecorded' and ($2::text is null or stream_id like 'statistic:__-' || $2 || '%')`,
    [correlationId, chapter ?? null],
  );
  return rows[0].count;
}

/** The import's events (those carrying its correlation id), counted by type. */
export async function eventsByType(db: Pool, correlationId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ type: string; count: number }>(
    "select type, count(*)::int as count from event_log where metadata->>'correlationId' = $1 group by type",
    [correlationId],
  );
  return Object.fromEntries(rows.map((row) => [row.type, row.count]));
}

/** How many statistic streams the month (YYYY-MM) has, and the first few that do not hold exactly one ExportStatisticRecorded. */
export async function streamsNotRecordedOnce(db: Pool, month: string): Promise<{ streams: number; notOnce: unknown[] }> {
  const { rows } = await db.query<{ streamId: string; recorded: number }>(
    `select stream_id as "streamId", count(*) filter (where type = 'ExportStatisticRecorded')::int as recorded
     from event_log where stream_id like 'statistic:%-' || $1 group by stream_id order by stream_id`,
    [month],
  );
  return { streams: rows.length, notOnce: rows.filter((row) => row.recorded !== 1).slice(0, 5) };
}

/** The month's (YYYY-MM) active statistics as PostgreSQL holds them, and their sums. */
export async function storedFigures(db: Pool, month: string): Promise<{ figures: Map<string, ExpectedFigure>; total: ExpectedFigure }> {
  const [year, mm] = month.split('-').map(Number);
  const where = "year = $1 and month = $2 and status = 'active'";
  const { rows } = await db.query<{ key: string } & ExpectedFigure>(
    `select key, value_usd::text as "valueUsd", weight_kg::text as "weightKg" from export_statistic where ${where}`,
    [year, mm],
  );
  const sums = await db.query<ExpectedFigure>(
    `select coalesce(sum(value_usd), 0)::numeric(24,2)::text as "valueUsd", coalesce(sum(weight_kg), 0)::numeric(24,3)::text as "weightKg" from export_statistic where ${where}`,
    [year, mm],
  );
  return { figures: new Map(rows.map(({ key, valueUsd, weightKg }) => [key, { valueUsd, weightKg }])), total: sums.rows[0] };
}

/** The first few keys that differ, rather than a diff of thousands of entries. */
export function differences(held: ReadonlyMap<string, ExpectedFigure>, expected: ReadonlyMap<string, ExpectedFigure>) {
  const same = (a: ExpectedFigure, b: ExpectedFigure) => a.valueUsd === b.valueUsd && a.weightKg === b.weightKg;
  return {
    missing: [...expected.keys()].filter((key) => !held.has(key)).slice(0, 5),
    unexpected: [...held.keys()].filter((key) => !expected.has(key)).slice(0, 5),
    different: [...expected].filter(([key, figure]) => held.has(key) && !same(held.get(key)!, figure)).slice(0, 5),
  };
}
