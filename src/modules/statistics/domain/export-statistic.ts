import { ValidationError } from '../../../kernel/domain-error';
import { assertNever, domainEvent } from '../../../kernel/domain-event';
import { UsdAmount } from '../../../kernel/money';
import { Period } from '../../../kernel/period';
import { requiredText } from '../../../kernel/required-text';
import { WeightKg } from '../../../kernel/weight';
import {
  DuplicateStatisticError,
  StatisticNotFoundError,
  StatisticRetractedError,
  StatisticVersionConflictError,
} from '../statistics.errors';
import {
  EXPORT_STATISTIC_RECORDED,
  EXPORT_STATISTIC_RETRACTED,
  EXPORT_STATISTIC_REVISED,
  EXPORT_THRESHOLD_EXCEEDED,
  ExportStatisticEvent,
} from './export-statistic.events';
import { ActiveStatistic, evolve, ExportStatisticState, initialState, StatisticStatus } from './export-statistic.state';
import { StatisticKey } from './statistic-key';
import { StatisticContext } from './statistic-context';

export type { StatisticContext, StatisticReference } from './statistic-context';

export const MAX_RETRACTION_REASON_LENGTH = 500;

export interface StatisticFigures {
  readonly valueUsd: UsdAmount;
  readonly weightKg: WeightKg;
}

/** The persisted row of a statistic that exists (a never-recorded one has no row). */
export interface StatisticSnapshot extends StatisticFigures {
  readonly key: StatisticKey;
  readonly status: 'active' | 'retracted';
  readonly version: number;
}

/** One figure of Korean exports: partner country, HS code, month; value in USD and weight in kg. */
export class ExportStatistic {
  private pending: ExportStatisticEvent[] = [];

  private constructor(private state: ExportStatisticState) {}

  /** A statistic with no history (version 0), on which `record` is the only command that succeeds. */
  static unrecorded(key: StatisticKey): ExportStatistic {
    return new ExportStatistic(initialState(key));
  }

  /** Records a statistic for a key that has no history. */
  static record(input: StatisticFigures & { readonly key: StatisticKey }, context: StatisticContext): ExportStatistic {
    const statistic = ExportStatistic.unrecorded(input.key);
    statistic.record(input, context);
    return statistic;
  }

  /** Replays a stream. An empty one names no key, so it is refused: use `unrecorded(key)`. */
  static fromHistory(events: readonly ExportStatisticEvent[]): ExportStatistic {
    const [first] = events;
    if (first === undefined) throw new Error('an empty history names no statistic; use ExportStatistic.unrecorded(key)');
    return new ExportStatistic(events.reduce(evolve, initialState(StatisticKey.from(first.data))));
  }

  static restore(snapshot: StatisticSnapshot): ExportStatistic {
    const { key, valueUsd, weightKg, status, version } = snapshot;
    // A bad row is corruption, not a client mistake: a plain Error, which the API masks.
    if (!Number.isInteger(version) || version < 1) throw new Error(`statistic ${key}: stored version ${version} is not >= 1`);
    if (status !== 'active' && status !== 'retracted') throw new Error(`statistic ${key}: unknown stored status ${status}`);
    return new ExportStatistic({ status, key, valueUsd, weightKg, version });
  }

  get key(): StatisticKey {
    return this.state.key;
  }

  get status(): StatisticStatus {
    return this.state.status;
  }

  /** Number of events in the stream; 0 means never recorded. */
  get version(): number {
    return this.state.version;
  }

  /** Null only while never recorded; a retracted statistic keeps the figures it withdrew. */
  get valueUsd(): UsdAmount | null {
    return this.state.status === 'unrecorded' ? null : this.state.valueUsd;
  }

  get weightKg(): WeightKg | null {
    return this.state.status === 'unrecorded' ? null : this.state.weightKg;
  }

  /** For the repository; null while never recorded. */
  toSnapshot(): StatisticSnapshot | null {
    const { state } = this;
    return state.status === 'unrecorded' ? null : { ...state };
  }

  /**
   * Records the figures of a never-recorded statistic, or again after a retraction (the same stream
   * continues). An active statistic is a duplicate: corrections go through `revise`, with a version.
   */
  record(figures: StatisticFigures, context: StatisticContext): void {
    this.checkKey(context);
    const { state } = this;
    if (state.status === 'active') throw new DuplicateStatisticError(state.key, state.version);
    const { valueUsd, weightKg } = figures;
    this.raise(
      domainEvent(EXPORT_STATISTIC_RECORDED, 1, {
        ...state.key.toData(),
        valueUsd: valueUsd.toString(),
        weightKg: weightKg.toString(),
      }),
    );
    this.alertIfAboveThreshold(valueUsd, context.thresholdUsd);
  }

  /**
   * Corrects the figures. Failures the client cannot fix by retrying (never recorded, retracted) are
   * reported before a stale version. Revising to the current figures records nothing and succeeds,
   * so a repeated request is harmless; the version check still comes first, since a stale reader's
   * decision should not pass unnoticed.
   */
  revise(expectedVersion: number, figures: StatisticFigures, context: Pick<StatisticContext, 'thresholdUsd'>): void {
    const current = this.requireActive();
    this.checkVersion(expectedVersion);
    const { valueUsd, weightKg } = figures;
    if (valueUsd.equals(current.valueUsd) && weightKg.equals(current.weightKg)) return;
    this.raise(
      domainEvent(EXPORT_STATISTIC_REVISED, 1, {
        ...current.key.toData(),
        valueUsd: valueUsd.toString(),
        weightKg: weightKg.toString(),
        previousValueUsd: current.valueUsd.toString(),
        previousWeightKg: current.weightKg.toString(),
      }),
    );
    this.alertIfAboveThreshold(valueUsd, context.thresholdUsd);
  }

  /** Withdraws the figure. Without an expected version it applies to whatever version is current. */
  retract(expectedVersion: number | undefined, reason: string): void {
    const why = requiredText(reason, 'reason', MAX_RETRACTION_REASON_LENGTH);
    const current = this.requireActive();
    if (expectedVersion !== undefined) this.checkVersion(expectedVersion);
    this.raise(
      domainEvent(EXPORT_STATISTIC_RETRACTED, 1, {
        ...current.key.toData(),
        reason: why,
        previousValueUsd: current.valueUsd.toString(),
        previousWeightKg: current.weightKg.toString(),
      }),
    );
  }

  /** The events recorded since the last call, for the handler to append to the log. */
  pullPendingEvents(): ExportStatisticEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private checkKey({ reference, now }: StatisticContext): void {
    const { country, hs, period } = this.state.key;
    if (!reference.isKnownCountry(country.value)) {
      throw new ValidationError('countryCode', `${country} is not a known country`);
    }
    if (!reference.hasChapter(hs.chapter)) {
      throw new ValidationError('hsCode', `${hs} is in chapter ${hs.chapter}, which the HS nomenclature does not have`);
    }
    if (period.isAfter(now)) {
      throw new ValidationError('period', `${period} is in the future (it is ${Period.containing(now)} in Korea)`);
    }
  }

  private requireActive(): ActiveStatistic {
    const { state } = this;
    switch (state.status) {
      case 'active':
        return state;
      case 'unrecorded':
        throw new StatisticNotFoundError(state.key);
      case 'retracted':
        throw new StatisticRetractedError(state.key, state.version);
      default:
        return assertNever(state, 'statistic state');
    }
  }

  private checkVersion(expectedVersion: number): void {
    if (expectedVersion !== this.state.version) {
      throw new StatisticVersionConflictError(this.state.key, expectedVersion, this.state.version);
    }
  }

  private alertIfAboveThreshold(valueUsd: UsdAmount, thresholdUsd: UsdAmount): void {
    if (!valueUsd.isGreaterThan(thresholdUsd)) return;
    this.raise(
      domainEvent(EXPORT_THRESHOLD_EXCEEDED, 1, {
        ...this.state.key.toData(),
        valueUsd: valueUsd.toString(),
        thresholdUsd: thresholdUsd.toString(),
      }),
    );
  }

  private raise(event: ExportStatisticEvent): void {
    this.state = evolve(this.state, event);
    this.pending.push(event);
  }
}
