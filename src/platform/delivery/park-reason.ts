/**
 * Why a message sits in the parking store. Only HANDLER_FAILED (after bounded retries) and the
 * poison reasons start parking a key; KEY_PARKED is every later message of a key already parked.
 */
export const PARK_REASONS = [
  'HANDLER_FAILED',
  'KEY_PARKED',
  'UNPARSEABLE',
  'UNKNOWN_TYPE',
  'UNSUPPORTED_SCHEMA_VERSION',
  'DELIVERY_LIMIT',
] as const;

export type ParkReason = (typeof PARK_REASONS)[number];
