import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * One row per statistic: its current figures, written in the same statement as its events (see
 * AggregateStore, which derives its SQL from this schema). A row class of its own keeps the domain
 * free of persistence; column names follow MikroORM's underscore naming (valueUsd: value_usd).
 */
export class ExportStatisticRecord {
  declare [PrimaryKeyProp]?: 'key';
  key!: string;
  countryCode!: string;
  hsCode!: string;
  year!: number;
  month!: number;
  /** Exact decimals as strings: money is never a float. */
  valueUsd!: string;
  weightKg!: string;
  status!: 'active' | 'retracted';
  version!: number;
  updatedAt!: Date;
}

/**
 * The HS-level rule (ADR 0006): within a partner-month no active statistic's HS code is a prefix of
 * another's. An exclusion constraint (migration 20261207000100, with its block function and
 * btree_gist); MikroORM knows it as an index given by its SQL, which it compares by name only.
 */
export const HS_LEVEL_OVERLAP_CONSTRAINT = 'export_statistic_hs_level_overlap';
const HS_LEVEL_OVERLAP_SQL = `alter table export_statistic add constraint ${HS_LEVEL_OVERLAP_CONSTRAINT}
  exclude using gist (country_code with =, year with =, month with =, export_statistic_hs_block(hs_code) with &&)
  where (status = 'active')`;

/**
 * A unit of the customs import reads its scope (a prefix over some months) from the write side
 * (migration 20261207000200): months first, then the code by prefix.
 */
const SCOPE_INDEX = 'export_statistic_scope_idx';
const SCOPE_INDEX_SQL = `create index ${SCOPE_INDEX} on export_statistic (year, month, hs_code text_pattern_ops)`;

export const ExportStatisticSchema = new EntitySchema<ExportStatisticRecord>({
  class: ExportStatisticRecord,
  tableName: 'export_statistic',
  properties: {
    key: { type: 'text', primary: true },
    countryCode: { type: 'string', columnType: 'char(2)' },
    hsCode: { type: 'string', columnType: 'varchar(10)' },
    year: { type: 'smallint' },
    month: { type: 'smallint' },
    valueUsd: { type: 'decimal', columnType: 'numeric(20,2)' },
    weightKg: { type: 'decimal', columnType: 'numeric(21,3)' },
    status: { enum: true, items: ['active', 'retracted'], columnType: 'text' },
    version: { type: 'integer' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [
    { name: HS_LEVEL_OVERLAP_CONSTRAINT, expression: HS_LEVEL_OVERLAP_SQL },
    { name: SCOPE_INDEX, expression: SCOPE_INDEX_SQL },
  ],
  checks: [
    { name: 'export_statistic_hs_code_check', expression: `hs_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$'` },
    { name: 'export_statistic_month_check', expression: 'month >= 1 and month <= 12' },
    { name: 'export_statistic_value_usd_check', expression: 'value_usd >= 0' },
    { name: 'export_statistic_weight_kg_check', expression: 'weight_kg >= 0' },
    { name: 'export_statistic_version_check', expression: 'version > 0' },
  ],
});
