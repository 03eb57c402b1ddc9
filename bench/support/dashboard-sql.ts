import type { Pool } from 'pg';

/**
 * The dashboard summary as the synchronous design computed it: SQL aggregates over the statistics
 * table at request time (totals, counts, top 10 partners and subheadings, HHI, the year's months,
 * last year's total for growth), on an index on (year, month). What the read model replaces.
 */
export async function createSqlFactsTable(pool: Pool): Promise<void> {
  await pool.query('drop schema if exists bench_read_model cascade');
  await pool.query('create schema bench_read_model');
  await pool.query(`create unlogged table bench_read_model.facts (
    country_code char(2) not null, hs_code varchar(10) not null, year smallint not null, month smallint not null,
    value_usd numeric(20,2) not null, weight_kg numeric(21,3) not null, status text not null)`);
}

export async function indexSqlFacts(pool: Pool): Promise<void> {
  await pool.query('create index if not exists facts_period_idx on bench_read_model.facts (year, month)');
  await pool.query('analyze bench_read_model.facts');
}

export async function dropSqlFacts(pool: Pool): Promise<void> {
  await pool.query('drop schema if exists bench_read_model cascade');
}

export async function sqlDashboard(pool: Pool, year: number, month: number | null): Promise<unknown> {
  const { rows } = await pool.query(
    `with f as (select * from bench_read_model.facts where year = $1 and ($2::int is null or month = $2) and status = 'active'),
          partners as (select country_code, sum(value_usd) as value from f group by 1)
     select (select sum(value_usd) from f) as value, (select sum(weight_kg) from f) as weight, (select count(*) from f) as facts,
            (select count(*) from partners) as partner_count,
            (select count(distinct substr(hs_code, 1, 6)) from f) as product_count,
            (select sum((value / nullif((select sum(value) from partners), 0)) ^ 2) from partners) as hhi,
            (select json_agg(t) from (select * from partners order by value desc, country_code limit 10) t) as top_partners,
            (select json_agg(t) from (select substr(hs_code, 1, 6) as code, sum(value_usd) as value from f group by 1
                                      order by 2 desc, 1 limit 10) t) as top_products,
            (select json_agg(t) from (select month, sum(value_usd) as value from bench_read_model.facts
                                      where year = $1 and status = 'active' group by 1 order by 1) t) as months,
            (select sum(value_usd) from bench_read_model.facts where year = $1 - 1 and ($2::int is null or month = $2) and status = 'active') as previous`,
    [year, month],
  );
  return rows[0];
}
