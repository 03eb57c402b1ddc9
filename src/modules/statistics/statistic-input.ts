import { UsdAmount } from '../../kernel/money';
import { WeightKg } from '../../kernel/weight';
import type { StatisticFigures } from './domain/export-statistic';
import { StatisticKey, type StatisticKeyData } from './domain/statistic-key';

/** A statistic as clients and the import send it: strings, validated into value objects here. */
export interface StatisticInput extends StatisticKeyData {
  readonly valueUsd: string;
  readonly weightKg: string;
}

export function parseStatisticInput(input: StatisticInput): { key: StatisticKey; figures: StatisticFigures } {
  return {
    key: StatisticKey.from(input),
    figures: { valueUsd: UsdAmount.parse(input.valueUsd), weightKg: WeightKg.parse(input.weightKg) },
  };
}
