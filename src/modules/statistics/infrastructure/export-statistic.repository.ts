import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { UsdAmount } from '../../../kernel/money';
import { WeightKg } from '../../../kernel/weight';
import { AggregateRepository } from '../../../platform/event-log/aggregate-repository';
import { AggregateStore, type AggregateChange } from '../../../platform/event-log/aggregate-store';
import { ExportStatistic } from '../domain/export-statistic';
import { StatisticKey } from '../domain/statistic-key';
import { StatisticVersionConflictError } from '../statistics.errors';
import { ExportStatisticRecord } from './export-statistic.entity';

/** A decided change: the aggregate with its pending events and the version the decision read. */
export interface DecidedStatistic {
  readonly statistic: ExportStatistic;
  readonly expectedVersion: number;
}

@Injectable()
export class ExportStatisticRepository extends AggregateRepository<DecidedStatistic, ExportStatisticRecord, ExportStatistic, StatisticKey> {
  constructor(store: AggregateStore, em: EntityManager) {
    super(store, em, ExportStatisticRecord);
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

function toAggregate(record: ExportStatisticRecord): ExportStatistic {
  return ExportStatistic.restore({
    key: StatisticKey.parse(record.key),
    valueUsd: UsdAmount.parse(record.valueUsd),
    weightKg: WeightKg.parse(record.weightKg),
    status: record.status,
    version: record.version,
  });
}
