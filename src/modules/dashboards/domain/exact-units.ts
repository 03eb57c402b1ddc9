/**
 * Money and weight in the read model are whole cents and whole grams (`long` in Elasticsearch), so
 * sums are exact: Elasticsearch adds longs as doubles, which is exact for integers up to 2^53
 * (90 trillion USD in cents; Korea exports about 0.7 trillion a year). Anything larger is refused
 * here rather than rounded. Clients get decimal strings made from the integers, never floats.
 */
export const CENTS = 2;
export const GRAMS = 3;
export type Scale = typeof CENTS | typeof GRAMS;

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

/** "1234.5" with scale 2 -> 123450. Refuses digits below the scale: the read model never rounds. */
export function toUnits(decimal: string, scale: Scale): number {
  const match = PLAIN.exec(decimal);
  if (!match) throw new RangeError(`not a plain non-negative decimal: ${JSON.stringify(decimal)}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) throw new RangeError(`${decimal} has more than ${scale} decimals`);
  return checkedUnits(BigInt(match[1] + fraction.padEnd(scale, '0')), decimal);
}

/** 123450 with scale 2 -> "1234.50". */
export function fromUnits(units: number | bigint, scale: Scale): string {
  const whole = typeof units === 'bigint' ? units : BigInt(checkedUnits(units, String(units)));
  if (whole < 0n) throw new RangeError(`negative amount ${whole}`);
  const digits = whole.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A sum as Elasticsearch returns it (a double): must still be an exact whole number. */
export function unitsFromSum(sum: number | null | undefined): number {
  if (sum === null || sum === undefined) return 0;
  return checkedUnits(sum, String(sum));
}

/** For Kibana's scaled_float display fields only; never used for arithmetic. */
export function displayNumber(units: number, scale: Scale): number {
  return Number(fromUnits(units, scale));
}

function checkedUnits(units: number | bigint, shown: string): number {
  const value = Number(units);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${shown} is outside the exact range of the read model (0 to 2^53 - 1 units)`);
  }
  return value;
}
