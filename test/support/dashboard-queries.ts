import type { Pool } from 'pg';
import { CENTS, fromUnits, toUnits } from '../../src/modules/dashboards/domain/exact-units';
import type { SampleWorld } from './sample-world';
import { sqlTotals } from './read-model-audit';
import { aStatisticInput } from './statistic-builders';

export interface Ranked {
  readonly code: string;
  readonly value: string;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
}

/** What GraphQL answers for a period, in the shapes the page's table rows carry (code, value). */
export async function graphqlFigures(world: SampleWorld, period: { year: number; month?: number }, productLevel: number) {
  const variables = { year: period.year, month: period.month ?? null, level: productLevel };
  const { summary, partners, products } = await world.graphql<{
    summary: { total: { valueUsd: string } };
    partners: { edges: { node: { countryCode: string; valueUsd: string; nameEn: string | null; nameKo: string | null } }[] };
    products: { edges: { node: { hsCode: string; valueUsd: string; nameEn: string | null; nameKo: string | null } }[] };
  }>(
    `query($year: Int!, $month: Int, $level: Int!) {
      summary: dashboardSummary(year: $year, month: $month) { total { valueUsd } }
      partners: partnerRanking(year: $year, month: $month, first: 10) { edges { node { countryCode valueUsd nameEn nameKo } } }
      products: productRanking(year: $year, month: $month, level: $level, first: 10) { edges { node { hsCode valueUsd nameEn nameKo } } }
    }`,
    variables,
  );
  return {
    total: summary.total.valueUsd,
    partners: partners.edges.map(({ node }): Ranked => ({ code: node.countryCode, value: node.valueUsd, nameEn: node.nameEn, nameKo: node.nameKo })),
    products: products.edges.map(({ node }): Ranked => ({ code: node.hsCode, value: node.valueUsd, nameEn: node.nameEn, nameKo: node.nameKo })),
  };
}

/**
 * The national total of a year, or of one of its months, summed by PostgreSQL over the statistics
 * themselves (active ones, active countries): independent of Elasticsearch and of the read model.
 */
export async function sqlNationalTotal(db: Pool, period: { year: number; month?: number }): Promise<string> {
  const { national } = await sqlTotals(db, null);
  const prefix = period.month ? `${period.year}-${String(period.month).padStart(2, '0')}` : `${period.year}-`;
  const cents = national.filter((row) => row.period.startsWith(prefix)).reduce((sum, row) => sum + BigInt(row.figures.valueUsdCents), 0n);
  return fromUnits(cents, CENTS);
}

/** The top ten active partners of a year by PostgreSQL's sums, largest first, ties by code. */
export async function sqlTopPartners(db: Pool, year: number): Promise<{ code: string; value: string }[]> {
  const { rows } = await db.query<{ code: string; value: string }>(
    `select s.country_code as code, sum(s.value_usd)::numeric(20, 2)::text as value
     from export_statistic s join country c on c.key = s.country_code
     where s.year = $1 and s.status = 'active' and c.active
     group by 1 order by sum(s.value_usd) desc, 1 limit 10`,
    [year],
  );
  return rows;
}

const RECORD = 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { position } }';

/**
 * Records a new statistic of `year` (a random 10-digit line under chapter 85, for China in June)
 * through GraphQL; answers it, the total a page showing `totalBefore` for that year should show
 * next, and when the mutation was sent and answered (ms since the epoch).
 */
export async function recordInYear(world: SampleWorld, year: number, valueUsd: string, totalBefore: string) {
  const input = aStatisticInput({ countryCode: 'CN', period: `${year}-06`, valueUsd, weightKg: '100.000' });
  const sent = Date.now();
  await world.mutate(RECORD, { input });
  return { input, expectedTotal: fromUnits(toUnits(totalBefore, CENTS) + toUnits(valueUsd, CENTS), CENTS), sent, answered: Date.now() };
}
