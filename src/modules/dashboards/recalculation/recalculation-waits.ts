import type { SqlPool } from '../../../platform/database/pg-pool';

/** A country process waiting until the projections passed `atLeastPosition` (migration 20261209001000). */
export interface RecalculationWait {
  readonly processId: string;
  readonly processType: string;
  readonly processKey: string;
  readonly code: string;
  readonly atLeastPosition: string;
}

/** The waits of one read model (its index prefix), oldest first. */
export class RecalculationWaits {
  constructor(
    private readonly pool: SqlPool,
    private readonly prefix: string,
  ) {}

  /** Idempotent: the same process and position are one wait. */
  async add(wait: RecalculationWait): Promise<void> {
    await this.pool.query(
      `insert into dashboards_recalculation_wait (index_prefix, process_id, process_type, process_key, country_code, at_least_position)
       values ($1, $2, $3, $4, $5, $6::bigint) on conflict do nothing`,
      [this.prefix, wait.processId, wait.processType, wait.processKey, wait.code, wait.atLeastPosition],
    );
  }

  async pending(types: readonly string[]): Promise<RecalculationWait[]> {
    const { rows } = await this.pool.query<RecalculationWait>(
      `select process_id as "processId", process_type as "processType", process_key as "processKey", country_code as code,
              at_least_position::text as "atLeastPosition"
       from dashboards_recalculation_wait where index_prefix = $1 and process_type = any($2::text[])
       order by requested_at limit 100`,
      [this.prefix, types],
    );
    return rows;
  }

  async remove({ processId, atLeastPosition }: RecalculationWait): Promise<void> {
    await this.pool.query('delete from dashboards_recalculation_wait where index_prefix = $1 and process_id = $2 and at_least_position = $3::bigint', [
      this.prefix,
      processId,
      atLeastPosition,
    ]);
  }
}
