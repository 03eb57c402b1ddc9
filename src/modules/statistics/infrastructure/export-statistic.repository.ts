import { Injectable } from '@nestjs/common';
import { UsdAmount } from '../../../kernel/money';
import { WeightKg } from '../../../kernel/weight';
import { AggregateStore, StreamVersionConflict, type AggregateChange } from '../../../platform/event-log/aggregate-store';
import type { EventMetadata, WriteResult } from '../../../platform/event-log/event-log.types';
import { ExportStatistic } from '../domain/export-statistic';
import { StatisticKey } from '../domain/statistic-key';
import { StatisticVersionConflictError } from '../statistics.errors';
import { EXPORT_STATISTIC_TABLE, type ExportStatisticRow } from './export-statistic.table';

/** A decided change: the aggregate with its pending events and the version the decision read. */
export interface DecidedStatistic {
  readonly statistic: ExportStatistic;
  readonly expectedVersion: number;
}

@Injectable()
export class ExportStatisticRepository {
  constructor(private readonly store: AggregateStore) {}

  /** The statistic at `key`; one that was never recorded comes back at version 0. */
  async load(key: StatisticKey): Promise<ExportStatistic> {
    const row = await this.store.load(EXPORT_STATISTIC_TABLE, key.toString());
    return row ? toAggregate(row) : ExportStatistic.unrecorded(key);
  }

  async loadMany(keys: readonly StatisticKey[]): Promise<Map<string, ExportStatistic>> {
    const rows = await this.store.loadMany(EXPORT_STATISTIC_TABLE, keys.map(String));
    const found = new Map(rows.map((row) => [row.key, toAggregate(row)]));
    return new Map(keys.map((key) => [key.toString(), found.get(key.toString()) ?? ExportStatistic.unrecorded(key)]));
  }

  /** Saves the aggregate's pending events and new state; a lost race is a version conflict. */
  async save(decided: DecidedStatistic, metadata: EventMetadata, at: Date): Promise<WriteResult> {
    const { statistic, expectedVersion } = decided;
    try {
      return await this.store.save(EXPORT_STATISTIC_TABLE, toChange(decided, at), metadata, at);
    } catch (error) {
      if (!(error instanceof StreamVersionConflict)) throw error;
      const actual = await this.load(statistic.key);
      throw new StatisticVersionConflictError(statistic.key, expectedVersion, actual.version);
    }
  }

  /** All or nothing, in one transaction; StreamVersionConflict means "re-read and decide again". */
  async saveMany(
    decided: readonly DecidedStatistic[],
    metadata: EventMetadata,
    at: Date,
  ): Promise<{ position: string | null; saved: number }> {
    return this.store.saveMany(EXPORT_STATISTIC_TABLE, decided.map((item) => toChange(item, at)), metadata, at);
  }
}

function toChange({ statistic, expectedVersion }: DecidedStatistic, at: Date): AggregateChange<ExportStatisticRow> {
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
      country_code: key.country.value,
      hs_code: key.hs.value,
      year: key.period.year,
      month: key.period.month,
      value_usd: valueUsd.toString(),
      weight_kg: weightKg.toString(),
      status,
      version,
      updated_at: at.toISOString(),
    },
  };
}

function toAggregate(row: ExportStatisticRow): ExportStatistic {
  return ExportStatistic.restore({
    key: StatisticKey.parse(row.key),
    valueUsd: UsdAmount.parse(row.value_usd),
    weightKg: WeightKg.parse(row.weight_kg),
    status: row.status,
    version: row.version,
  });
}
