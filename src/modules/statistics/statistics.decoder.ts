import { refused, textFields, WIRE_PATTERNS, type Decoded } from '../../kernel/wire-decoding';
import { STATISTIC_MESSAGE_TYPES, type StatisticMessage } from './statistics.contract';

const TYPES: ReadonlySet<string> = new Set(Object.values(STATISTIC_MESSAGE_TYPES));

/** A statistics message from the wire (or the log), checked against statistics.contract.ts. */
export function decodeStatisticMessage(type: string, schemaVersion: number, data: unknown): Decoded<StatisticMessage> {
  if (!TYPES.has(type)) return refused('not a statistics message');
  if (schemaVersion !== 1) return refused(`schema version ${schemaVersion} is not read`);
  const text = textFields(data);
  if (!(text('countryCode', WIRE_PATTERNS.countryCode) && text('hsCode', WIRE_PATTERNS.hsCode) && text('period', WIRE_PATTERNS.period))) {
    return refused('no valid countryCode, hsCode and period');
  }
  const amounts =
    type === STATISTIC_MESSAGE_TYPES.retracted ? [] : type === STATISTIC_MESSAGE_TYPES.thresholdExceeded ? ['valueUsd', 'thresholdUsd'] : ['valueUsd', 'weightKg'];
  if (!amounts.every((field) => text(field, WIRE_PATTERNS.decimal))) return refused(`no valid ${amounts.join(' and ')}`);
  // The checks above are what consumers rely on; the type and version select the data's shape.
  return { ok: true, message: { type, schemaVersion, data } as StatisticMessage };
}
