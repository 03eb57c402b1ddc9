import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { UsdAmount } from '../../../kernel/money';
import { WeightKg } from '../../../kernel/weight';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import { AggregateRepository } from '../../../platform/event-log/aggregate-repository';
import { AggregateStore, StreamVersionConflict, type AggregateChange, type ExclusionViolation } from '../../../platform/event-log/aggregate-store';
import { ExportStatistic } from '../domain/export-statistic';
import { StatisticKey } from '../domain/statistic-key';
import { HsLevelOverlapError, StatisticVersionConflictError } from '../statistics.errors';
import { ExportStatisticRecord, HS_LEVEL_OVERLAP_CONSTRAINT } from './export-statistic.entity';

/** A statistic and the active one it overlaps at another HS level (ADR 0006). */
export interface LevelOverlap {
  readonly key: StatisticKey;
  readonly overlapping: StatisticKey;
}

/**
 * Active statistics at the broader levels of the given keys: at most three primary-key look-ups per
 * key, which is all a 10-digit key (what the import records) needs.
 */
const FIND_ACTIVE_BROADER_SQL = `
  select v.key, s.key as overlapping
  from unnest($1::text[], $2::text[]) as v(key, broader)
  join export_statistic s on s.key = v.broader and s.status = 'active'`;

/**
 * Active statistics at the narrower levels of the given (2, 4 or 6-digit) keys, through the
 * exclusion constraint's index: the block comparison and the status are the constraint's own.
 */
const FIND_ACTIVE_NARROWER_SQL = `
  select v.key, s.key as overlapping
  from unnest($1::text[], $2::char(2)[], $3::smallint[], $4::smallint[], $5::text[]) as v(key, country_code, year, month, hs_code)
  join export_statistic s on s.country_code = v.country_code and s.year = v.year and s.month = v.month
    and export_statistic_hs_block(s.hs_code) && export_statistic_hs_block(v.hs_code)
    and s.status = 'active' and length(s.hs_code) > length(v.hs_code)`;

/** A decided change: the aggregate with its pending events and the version the decision read. */
export interface DecidedStatistic {
  readonly statistic: ExportStatistic;
  readonly expectedVersion: number;
}

@Injectable()
export class ExportStatisticRepository extends AggregateRepository<DecidedStatistic, ExportStatisticRecord, ExportStatistic, StatisticKey> {
  constructor(
    store: AggregateStore,
    em: EntityManager,
    @Inject(PG_POOL) private readonly pool: SqlPool,
  ) {
    super(store, em, ExportStatisticRecord);
  }

  /** For each key (in order), the active statistics it overlaps at another HS level, if any. */
  async findActiveOverlaps(keys: readonly StatisticKey[]): Promise<LevelOverlap[]> {
    if (keys.length === 0) return [];
    const broader = keys.flatMap((key) => ancestorsOf(key).map((ancestor) => [key.toString(), ancestor.toString()]));
    const narrowable = keys.filter((key) => key.hs.level < 10);
    const [above, below] = await Promise.all([
      broader.length === 0
        ? []
        : this.overlapRows('find-active-broader-hs-levels', FIND_ACTIVE_BROADER_SQL, [broader.map(([key]) => key), broader.map(([, ancestor]) => ancestor)]),
      narrowable.length === 0
        ? []
        : this.overlapRows('find-active-narrower-hs-levels', FIND_ACTIVE_NARROWER_SQL, [
            narrowable.map(String),
            narrowable.map((key) => key.country.value),
            narrowable.map((key) => key.period.year),
            narrowable.map((key) => key.period.month),
            narrowable.map((key) => key.hs.value),
          ]),
    ]);
    const order = new Map(keys.map((key, i) => [key.toString(), i]));
    return [...above, ...below]
      .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0) || a.overlapping.localeCompare(b.overlapping))
      .map((row) => ({ key: StatisticKey.parse(row.key), overlapping: StatisticKey.parse(row.overlapping) }));
  }

  private async overlapRows(name: string, text: string, values: unknown[]): Promise<{ key: string; overlapping: string }[]> {
    const { rows } = await this.pool.query<{ key: string; overlapping: string }>({ name, text, values });
    return rows;
  }

  /** The statistic at `key`; one that was never recorded comes back at version 0. */
  async load(key: StatisticKey): Promise<ExportStatistic> {
    const record = await this.findRecord(key.toString());
    return record ? toAggregate(record) : ExportStatistic.unrecorded(key);
  }

  protected decided(statistic: ExportStatistic, expectedVersion: number): DecidedStatistic {
    return { statistic, expectedVersion };
  }

  async loadMany(keys: readonly StatisticKey[]): Promise<Map<string, ExportStatistic>> {
    const records = await this.findRecords(keys.map(String));
    const found = new Map(records.map((record) => [record.key, toAggregate(record)]));
    return new Map(keys.map((key) => [key.toString(), found.get(key.toString()) ?? ExportStatistic.unrecorded(key)]));
  }

  /** Whatever the decision expected, a statistic's lost race is a version conflict (a first record included). */
  protected lostRace({ statistic, expectedVersion }: DecidedStatistic, actualVersion: number): StatisticVersionConflictError {
    return new StatisticVersionConflictError(statistic.key, expectedVersion, actualVersion);
  }

  /**
   * The HS-level rule refused a record: the statistic it overlaps is read back (it committed first,
   * so it is visible now) to be named. Should it have been retracted in the meantime, the refusal
   * no longer holds: a lost race, which the caller decides again.
   */
  protected override async exclusionViolated(violation: ExclusionViolation, decided: readonly DecidedStatistic[]): Promise<unknown> {
    if (violation.constraint !== HS_LEVEL_OVERLAP_CONSTRAINT) return null;
    const recorded = decided.filter(({ statistic }) => statistic.status === 'active').map(({ statistic }) => statistic.key);
    const [overlap] = await this.findActiveOverlaps(recorded);
    return overlap ? new HsLevelOverlapError(overlap.key, overlap.overlapping) : new StreamVersionConflict(violation.table, -1);
  }

  protected toChange({ statistic, expectedVersion }: DecidedStatistic, at: Date): AggregateChange<ExportStatisticRecord> {
    const snapshot = statistic.toSnapshot();
    const events = statistic.pullPendingEvents();
    if (snapshot === null) throw new Error(`statistic ${statistic.key} has no state to save`);
    const { key, valueUsd, weightKg, status, version } = snapshot;
    return {
      streamId: key.streamId,
      expectedVersion,
      events,
      row: {
        key: key.toString(),
        countryCode: key.country.value,
        hsCode: key.hs.value,
        year: key.period.year,
        month: key.period.month,
        valueUsd: valueUsd.toString(),
        weightKg: weightKg.toString(),
        status,
        version,
        updatedAt: at,
      },
    };
  }
}

function ancestorsOf(key: StatisticKey): StatisticKey[] {
  const ancestors: StatisticKey[] = [];
  for (let hs = key.hs.parent; hs !== null; hs = hs.parent) ancestors.push(StatisticKey.of(key.country, hs, key.period));
  return ancestors;
}

function toAggregate(record: ExportStatisticRecord): ExportStatistic {
  return ExportStatistic.restore({
    key: StatisticKey.parse(record.key),
    valueUsd: UsdAmount.parse(record.valueUsd),
    weightKg: WeightKg.parse(record.weightKg),
    status: record.status,
    version: record.version,
  });
}
