/**
 * The customs import's published wire contract: the outcome of an import, appended to the event
 * log (stream `customs-import:<id>`) in the same transaction as the state change it reports, so
 * the relay publishes it like any event and no outcome is lost or invented (ADR 0009). Only
 * outcomes: the import's progress stays in its own tables. Months are `YYYY-MM`.
 */
export const CUSTOMS_IMPORT_MESSAGE_TYPES = {
  completed: 'CustomsImportCompleted',
  failed: 'CustomsImportFailed',
  paused: 'CustomsImportPaused',
} as const;

export type CustomsImportOutcomeType = (typeof CUSTOMS_IMPORT_MESSAGE_TYPES)[keyof typeof CUSTOMS_IMPORT_MESSAGE_TYPES];

interface ImportOutcomeFields {
  readonly importId: string;
  readonly firstMonth: string;
  readonly lastMonth: string;
  /** Null: every chapter. */
  readonly hsPrefixes: readonly string[] | null;
}

export interface CustomsImportCompletedV1 extends ImportOutcomeFields {
  readonly units: number;
  readonly recorded: number;
  readonly revised: number;
  readonly retracted: number;
  readonly unchanged: number;
  readonly refusedUnits: number;
  readonly deadLetteredUnits: number;
}

export interface CustomsImportFailedV1 extends ImportOutcomeFields {
  readonly failureCode: string | null;
  readonly failure: string | null;
}

export interface CustomsImportPausedV1 extends ImportOutcomeFields {
  /** ISO 8601 instant the import resumes after (the quota reset). */
  readonly pausedUntil: string | null;
  readonly reason: string | null;
}

export function customsImportStreamId(importId: string): string {
  return `customs-import:${importId}`;
}
