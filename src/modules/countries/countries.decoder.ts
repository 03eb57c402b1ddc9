import { refused, textFields, WIRE_PATTERNS, type Decoded } from '../../kernel/wire-decoding';
import { COUNTRY_MESSAGE_TYPES, type CountryMessage } from './countries.contract';

const TYPES: ReadonlySet<string> = new Set(Object.values(COUNTRY_MESSAGE_TYPES));

/** A countries message from the wire (or the log), checked against countries.contract.ts. */
export function decodeCountryMessage(type: string, schemaVersion: number, data: unknown): Decoded<CountryMessage> {
  if (!TYPES.has(type)) return refused('not a countries message');
  if (schemaVersion !== 1) return refused(`schema version ${schemaVersion} is not read`);
  if (!textFields(data)('code', WIRE_PATTERNS.countryCode)) return refused('no valid country code');
  // The code is what consumers rely on; the type and version select the data's shape.
  return { ok: true, message: { type, schemaVersion, data } as CountryMessage };
}
