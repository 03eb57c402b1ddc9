/**
 * The event types this service sends and understands, with the schema versions of `data` that a
 * consumer can read. Deliberately a list of its own rather than an import of the domain's
 * constants: it is the published contract, and changing it is a decision, not a side effect of a
 * refactoring. A message outside it is poison and is parked (docs/delivery.md).
 */
const SUPPORTED: Readonly<Record<string, readonly number[]>> = {
  ExportStatisticRecorded: [1],
  ExportStatisticRevised: [1],
  ExportStatisticRetracted: [1],
  ExportThresholdExceeded: [1],
  CountryRegistered: [1],
  CountryActivated: [1],
  CountryDeactivated: [1],
  ProductCategoryCreated: [1],
  ProductCategoryRenamed: [1],
  // Outcomes of a customs import, appended in the transaction of its state change (ADR 0009).
  CustomsImportCompleted: [1],
  CustomsImportFailed: [1],
  CustomsImportPaused: [1],
  // A notification any context asks for, in the generic shape (notifications.contract.ts).
  NotificationRequested: [1],
  // Not a domain event: the read model's watermark, published behind the relay's checkpoint into
  // every queue so consumers can tell how far they have applied (docs/read-model.md).
  ProjectionWatermark: [1],
};

export type ContractViolation = 'UNKNOWN_TYPE' | 'UNSUPPORTED_SCHEMA_VERSION';

export function checkContract(type: string, schemaVersion: number): ContractViolation | null {
  const versions = Object.hasOwn(SUPPORTED, type) ? SUPPORTED[type] : undefined;
  if (!versions) return 'UNKNOWN_TYPE';
  return versions.includes(schemaVersion) ? null : 'UNSUPPORTED_SCHEMA_VERSION';
}
