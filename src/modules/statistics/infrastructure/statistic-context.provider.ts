import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { UsdAmount } from '../../../kernel/money';
import { Clock } from '../../../platform/cqrs/clock';
import type { StatisticContext } from '../domain/export-statistic';
import type { StatisticKey } from '../domain/statistic-key';
import { StatisticReferenceCache } from './statistic-reference.cache';

/** Everything a statistic decision needs from outside: the instant, the threshold, the reference data. */
@Injectable()
export class StatisticContextProvider {
  private readonly thresholdUsd: UsdAmount;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly reference: StatisticReferenceCache,
  ) {
    this.thresholdUsd = UsdAmount.parse(config.EXPORT_THRESHOLD_USD, 'EXPORT_THRESHOLD_USD');
  }

  async forKeys(keys: readonly StatisticKey[]): Promise<StatisticContext> {
    await this.reference.ensure(
      keys.map((key) => key.country.value),
      keys.map((key) => key.hs.chapter),
    );
    return { now: this.clock.now(), thresholdUsd: this.thresholdUsd, reference: this.reference };
  }
}
