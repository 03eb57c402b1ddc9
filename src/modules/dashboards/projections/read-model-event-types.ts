import type { Decoded } from '../../../kernel/wire-decoding';
import { decodeCatalogueMessage } from '../../catalogue';
import { decodeCountryMessage } from '../../countries';
import { decodeStatisticMessage } from '../../statistics';
import { COUNTRY_PROJECTOR_EVENT_TYPES } from './countries/country.projector';
import { FACT_EVENT_TYPES } from './facts/fact.projector';
import { PRODUCT_PROJECTOR_EVENT_TYPES } from './products/product.projector';
import type { ProjectableEvent } from './projectable-event';

type Decoder = (type: string, schemaVersion: number, data: unknown) => Decoded<unknown>;

/** Each projected type with the decoder of the context that publishes it. */
const DECODERS: ReadonlyMap<string, Decoder> = new Map<string, Decoder>([
  ...FACT_EVENT_TYPES.map((type) => [type, decodeStatisticMessage] as const),
  ...COUNTRY_PROJECTOR_EVENT_TYPES.map((type) => [type, decodeCountryMessage] as const),
  ...PRODUCT_PROJECTOR_EVENT_TYPES.map((type) => [type, decodeCatalogueMessage] as const),
]);

/** Every event type some read-model projector handles; the others (threshold alerts) are not ours. */
export function isSupportedReadModelType(type: string): boolean {
  return DECODERS.has(type);
}

/**
 * Why an event's data does not have the shape its type promises, or null when it does (or when no
 * projector reads it). The projectors trust the shape; an event that breaks it is refused before
 * them, so a consumer parks it (with this reason) and a replay skips it: both leave it out of the
 * read model alike. The shape is the publishing context's wire contract, checked by its decoder.
 */
export function malformation(event: ProjectableEvent): string | null {
  const decode = DECODERS.get(event.type);
  const decoded = decode ? decode(event.type, event.schemaVersion, event.data) : null;
  return decoded && !decoded.ok ? `${event.type} at position ${event.position}: ${decoded.problem}` : null;
}
