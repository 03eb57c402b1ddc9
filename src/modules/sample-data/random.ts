/**
 * A small seeded PRNG (mulberry32: 32-bit state, period 2^32, good enough spread for test data)
 * and the few distributions the sample generator draws from. Written here rather than taken from
 * npm because it is twenty lines and the data must not change when a dependency does.
 *
 * Math.log/exp/cos are V8's fdlibm ports, identical on every platform, so one seed gives one data
 * set everywhere.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
    }
    this.state = seed;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Standard normal, by Box-Muller; always consumes exactly two draws so streams stay aligned. */
  normal(): number {
    const u = 1 - this.next(); // (0, 1], so the log is finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with median 1: exp(sigma * Z). */
  logNormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** Pareto with minimum 1 and tail index alpha: a few huge draws, many near 1. */
  pareto(alpha: number): number {
    return (1 - this.next()) ** (-1 / alpha);
  }
}

/** Picks indexes in proportion to fixed weights, by binary search over the running totals. */
export class WeightedPicker {
  private readonly cumulative: number[];

  constructor(weights: readonly number[]) {
    let total = 0;
    this.cumulative = weights.map((weight) => {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weights must be finite and >= 0, got ${weight}`);
      return (total += weight);
    });
    if (total <= 0) throw new RangeError('at least one weight must be positive');
  }

  pick(random: Random): number {
    const target = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
