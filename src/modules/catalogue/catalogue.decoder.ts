import { refused, textFields, WIRE_PATTERNS, type Decoded } from '../../kernel/wire-decoding';
import { CATALOGUE_MESSAGE_TYPES, type CatalogueMessage } from './catalogue.contract';

const TYPES: ReadonlySet<string> = new Set(Object.values(CATALOGUE_MESSAGE_TYPES));

/** A catalogue message from the wire (or the log), checked against catalogue.contract.ts. */
export function decodeCatalogueMessage(type: string, schemaVersion: number, data: unknown): Decoded<CatalogueMessage> {
  if (!TYPES.has(type)) return refused('not a catalogue message');
  if (schemaVersion !== 1) return refused(`schema version ${schemaVersion} is not read`);
  if (!textFields(data)('code', WIRE_PATTERNS.hsCode)) return refused('no valid HS code');
  // The code is what consumers rely on; the type and version select the data's shape.
  return { ok: true, message: { type, schemaVersion, data } as CatalogueMessage };
}
