import { COUNTRY_PROJECTOR_EVENT_TYPES } from './countries/country.projector';
import { FACT_EVENT_TYPES } from './facts/fact.projector';
import { PRODUCT_PROJECTOR_EVENT_TYPES } from './products/product.projector';
import type { ProjectableEvent } from './projectable-event';

const TYPES: ReadonlySet<string> = new Set([...FACT_EVENT_TYPES, ...COUNTRY_PROJECTOR_EVENT_TYPES, ...PRODUCT_PROJECTOR_EVENT_TYPES]);

/** Every event type some read-model projector handles; the others (threshold alerts) are not ours. */
export function isSupportedReadModelType(type: string): boolean {
  return TYPES.has(type);
}

const COUNTRY = /^[A-Z]{2}$/;
const HS_CODE = /^(\d{2}|\d{4}|\d{6}|\d{10})$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Why an event's data does not have the shape its type promises, or null when it does. The
 * projectors trust the shape; an event that breaks it is refused before them, so a consumer parks
 * it (with this reason) and a replay skips it: both leave it out of the read model alike.
 */
export function malformation(event: ProjectableEvent): string | null {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const text = (field: string, pattern?: RegExp) => typeof data[field] === 'string' && (!pattern || pattern.test(data[field] as string));
  const need = (ok: boolean, what: string) => (ok ? null : `${event.type} at position ${event.position}: ${what}`);
  if ((FACT_EVENT_TYPES as readonly string[]).includes(event.type)) {
    const key = need(text('countryCode', COUNTRY) && text('hsCode', HS_CODE) && text('period', PERIOD), 'no valid countryCode, hsCode and period');
    if (key || event.type === 'ExportStatisticRetracted') return key;
    return need(text('valueUsd', DECIMAL) && text('weightKg', DECIMAL), 'no valid valueUsd and weightKg');
  }
  if ((COUNTRY_PROJECTOR_EVENT_TYPES as readonly string[]).includes(event.type)) return need(text('code', COUNTRY), 'no valid country code');
  if ((PRODUCT_PROJECTOR_EVENT_TYPES as readonly string[]).includes(event.type)) return need(text('code', HS_CODE), 'no valid HS code');
  return null;
}
