import { assertNever } from '../../../kernel/domain-event';
import { UsdAmount } from '../../../kernel/money';
import { WeightKg } from '../../../kernel/weight';
import {
  EXPORT_STATISTIC_RECORDED,
  EXPORT_STATISTIC_RETRACTED,
  EXPORT_STATISTIC_REVISED,
  EXPORT_THRESHOLD_EXCEEDED,
  ExportStatisticEvent,
} from './export-statistic.events';
import { StatisticKey } from './statistic-key';

/** Never recorded: version 0, no figures. Deciding on it is how a first `record` works. */
export interface UnrecordedStatistic {
  readonly status: 'unrecorded';
  readonly key: StatisticKey;
  readonly version: number;
}

export interface ActiveStatistic {
  readonly status: 'active';
  readonly key: StatisticKey;
  readonly valueUsd: UsdAmount;
  readonly weightKg: WeightKg;
  readonly version: number;
}

/** Keeps the figures it withdrew: the persisted row does, and a later re-record starts from here. */
export interface RetractedStatistic {
  readonly status: 'retracted';
  readonly key: StatisticKey;
  readonly valueUsd: UsdAmount;
  readonly weightKg: WeightKg;
  readonly version: number;
}

export type ExportStatisticState = UnrecordedStatistic | ActiveStatistic | RetractedStatistic;
export type StatisticStatus = ExportStatisticState['status'];

export function initialState(key: StatisticKey): ExportStatisticState {
  return { status: 'unrecorded', key, version: 0 };
}

/**
 * Applies one event: the only place state changes, used by the aggregate's decisions and to rebuild
 * a statistic from its log (up to any instant, by folding only the events before it).
 *
 * It trusts the log about transitions: the decision checked them when the event was recorded, and a
 * fold that refused a stored fact would make history unreadable. Each event carries every figure
 * the resulting state needs, so no transition depends on the state before it. It refuses only an
 * event of another statistic, which would mean the caller mixed streams.
 * Every event, the threshold alert included, takes one stream version.
 */
export function evolve(state: ExportStatisticState, event: ExportStatisticEvent): ExportStatisticState {
  if (!state.key.matches(event.data)) {
    const { countryCode, hsCode, period } = event.data;
    throw new Error(`${event.type} of ${countryCode}-${hsCode}-${period} cannot apply to statistic ${state.key}`);
  }
  const { key } = state;
  const version = state.version + 1;
  switch (event.type) {
    case EXPORT_STATISTIC_RECORDED:
    case EXPORT_STATISTIC_REVISED:
      return { status: 'active', key, version, ...figures(event.data.valueUsd, event.data.weightKg) };
    case EXPORT_STATISTIC_RETRACTED:
      return { status: 'retracted', key, version, ...figures(event.data.previousValueUsd, event.data.previousWeightKg) };
    case EXPORT_THRESHOLD_EXCEEDED:
      return { ...state, version };
    default:
      return assertNever(event, 'export statistic event');
  }
}

function figures(valueUsd: string, weightKg: string): { valueUsd: UsdAmount; weightKg: WeightKg } {
  return { valueUsd: UsdAmount.parse(valueUsd), weightKg: WeightKg.parse(weightKg) };
}
