import { PERIOD_TEXT } from './period';

/**
 * Decoding a consumed message: the typed message, or why its data lacks the shape its type and
 * schema version promise. Each context decodes its own messages (<context>.decoder.ts, exported by
 * its index.ts), so a consumer trusts the publisher's contract, not its domain classes.
 */
export type Decoded<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly problem: string };

export const WIRE_PATTERNS = {
  countryCode: /^[A-Z]{2}$/,
  hsCode: /^(\d{2}|\d{4}|\d{6}|\d{10})$/,
  period: PERIOD_TEXT,
  decimal: /^\d+(\.\d+)?$/,
} as const;

/** A field check over data of unknown shape: true when `field` is a string (matching `pattern`, if given). */
export function textFields(data: unknown): (field: string, pattern?: RegExp) => boolean {
  const record: Readonly<Record<string, unknown>> = typeof data === 'object' && data !== null ? { ...data } : {};
  return (field, pattern) => {
    const value = record[field];
    return typeof value === 'string' && (!pattern || pattern.test(value));
  };
}

export function refused<T>(problem: string): Decoded<T> {
  return { ok: false, problem };
}
