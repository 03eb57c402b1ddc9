/**
 * The statistics context's published wire contract: the messages other contexts may consume, by
 * type string and schema version. Deliberately written out rather than derived from the domain's
 * event types: the domain may change its inside, the contract changes only by decision, and a new
 * data shape comes with a new schema version. Amounts are canonical decimal strings.
 */
export const STATISTIC_MESSAGE_TYPES = {
  recorded: 'ExportStatisticRecorded',
  revised: 'ExportStatisticRevised',
  retracted: 'ExportStatisticRetracted',
  thresholdExceeded: 'ExportThresholdExceeded',
} as const;

/** The key every statistic message carries: its routing key and its stream's identity. */
export interface StatisticKeyFields {
  readonly countryCode: string;
  readonly hsCode: string;
  /** `YYYY-MM` */
  readonly period: string;
}

export interface ExportStatisticRecordedV1 extends StatisticKeyFields {
  readonly valueUsd: string;
  readonly weightKg: string;
}

export interface ExportStatisticRevisedV1 extends StatisticKeyFields {
  readonly valueUsd: string;
  readonly weightKg: string;
  readonly previousValueUsd: string;
  readonly previousWeightKg: string;
}

export interface ExportStatisticRetractedV1 extends StatisticKeyFields {
  readonly reason: string;
  readonly previousValueUsd: string;
  readonly previousWeightKg: string;
}

export interface ExportThresholdExceededV1 extends StatisticKeyFields {
  readonly valueUsd: string;
  readonly thresholdUsd: string;
}

export type StatisticMessage =
  | { readonly type: typeof STATISTIC_MESSAGE_TYPES.recorded; readonly schemaVersion: 1; readonly data: ExportStatisticRecordedV1 }
  | { readonly type: typeof STATISTIC_MESSAGE_TYPES.revised; readonly schemaVersion: 1; readonly data: ExportStatisticRevisedV1 }
  | { readonly type: typeof STATISTIC_MESSAGE_TYPES.retracted; readonly schemaVersion: 1; readonly data: ExportStatisticRetractedV1 }
  | { readonly type: typeof STATISTIC_MESSAGE_TYPES.thresholdExceeded; readonly schemaVersion: 1; readonly data: ExportThresholdExceededV1 };
