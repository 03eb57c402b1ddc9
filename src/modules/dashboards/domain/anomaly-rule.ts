import Decimal from 'decimal.js';

/** The configured rule: both factors above 1 (e.g. "2": twice or half), the minimum in USD. */
export interface AnomalySettings {
  readonly yoyFactor: string;
  readonly meanFactor: string;
  readonly minUsd: string;
}

/**
 * One (partner, HS chapter) month and its history, in whole cents. `trailing` holds the twelve
 * months before it, oldest first (so `trailing[0]` is the same month a year earlier), null where
 * the pair has no active fact that month.
 */
export interface PairMonth {
  readonly valueCents: number;
  readonly trailing: readonly (number | null)[];
}

export type AnomalyDirection = 'rise' | 'drop';

export interface Anomaly {
  readonly direction: AnomalyDirection;
  readonly valueCents: number;
  readonly yearAgoCents: number;
  /** The trailing twelve months' sum; the mean is a twelfth of it (see trailingMean). */
  readonly trailingSumCents: number;
}

const MONTHS = 12;

/**
 * Whether a month moved against BOTH baselines by more than their factors and by more than the
 * minimum amount:
 *
 *   rise:  v > Fy × y   and  v > Fm × m   and  v − y > min  and  v − m > min
 *   drop:  v × Fy < y   and  v × Fm < m   and  y − v > min  and  m − v > min
 *
 * where v is the month, y the same month a year earlier and m the mean of the twelve months
 * before it. Decided without history, not guessed: a pair needs a fact in every one of those
 * twelve months (the year-ago month among them). A missing year-ago month or fewer than twelve
 * months of history give no alert: a new or sporadic trade is all "rises" against zeros.
 * Exact: cents are integers and the mean is never divided out (m > x ⇔ S > 12x).
 */
export function detectAnomaly(month: PairMonth, settings: AnomalySettings): Anomaly | null {
  if (month.trailing.length !== MONTHS) throw new RangeError(`a trailing year has ${MONTHS} months, got ${month.trailing.length}`);
  if (month.trailing.some((cents) => cents === null)) return null;
  const history = month.trailing as readonly number[];
  const v = new Decimal(month.valueCents);
  const y = new Decimal(history[0]);
  const sum = new Decimal(history.reduce((total, cents) => total + cents, 0));
  const min = new Decimal(settings.minUsd).mul(100);
  const fy = new Decimal(settings.yoyFactor);
  const fm = new Decimal(settings.meanFactor);
  const twelveV = v.mul(MONTHS);
  const found = (direction: AnomalyDirection): Anomaly => ({
    direction,
    valueCents: month.valueCents,
    yearAgoCents: history[0],
    trailingSumCents: sum.toNumber(),
  });
  const rise = v.gt(y.mul(fy)) && twelveV.gt(sum.mul(fm)) && v.minus(y).gt(min) && twelveV.minus(sum).gt(min.mul(MONTHS));
  if (rise) return found('rise');
  const drop = v.mul(fy).lt(y) && twelveV.mul(fm).lt(sum) && y.minus(v).gt(min) && sum.minus(twelveV).gt(min.mul(MONTHS));
  return drop ? found('drop') : null;
}

/** The trailing mean in USD, to the cent (half to even): the baseline shown beside the alert. */
export function trailingMeanUsd(trailingSumCents: number): string {
  return new Decimal(trailingSumCents).div(MONTHS).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
}
