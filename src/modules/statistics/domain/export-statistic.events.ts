import { DomainEvent } from '../../../kernel/domain-event';
import type { StatisticKeyData } from './statistic-key';

// Persisted in the event log and sent on the wire: never change a type string; change the shape
// of `data` only together with a new schemaVersion (and an upcaster for the old one).
// Every event carries the key fields, so consumers can route and project it without other state.
// Amounts travel as canonical decimal strings (`1234.50` USD, `12.500` kg), never JS numbers.

export const EXPORT_STATISTIC_RECORDED = 'ExportStatisticRecorded';
export const EXPORT_STATISTIC_REVISED = 'ExportStatisticRevised';
export const EXPORT_STATISTIC_RETRACTED = 'ExportStatisticRetracted';
export const EXPORT_THRESHOLD_EXCEEDED = 'ExportThresholdExceeded';

/** A figure entered for the first time, or again after a retraction (same stream, next version). */
export type ExportStatisticRecorded = DomainEvent<
  typeof EXPORT_STATISTIC_RECORDED,
  StatisticKeyData & { readonly valueUsd: string; readonly weightKg: string },
  1
>;

/** A correction. The previous figures let consumers apply the difference without reading state. */
export type ExportStatisticRevised = DomainEvent<
  typeof EXPORT_STATISTIC_REVISED,
  StatisticKeyData & {
    readonly valueUsd: string;
    readonly weightKg: string;
    readonly previousValueUsd: string;
    readonly previousWeightKg: string;
  },
  1
>;

/**
 * The figure is withdrawn. It carries the figures it withdraws, like Revised, so that a consumer
 * keeping running totals can subtract them without state of its own.
 */
export type ExportStatisticRetracted = DomainEvent<
  typeof EXPORT_STATISTIC_RETRACTED,
  StatisticKeyData & { readonly reason: string; readonly previousValueUsd: string; readonly previousWeightKg: string },
  1
>;

/** Follows a Recorded or Revised event that left the value strictly above the configured threshold. */
export type ExportThresholdExceeded = DomainEvent<
  typeof EXPORT_THRESHOLD_EXCEEDED,
  StatisticKeyData & { readonly valueUsd: string; readonly thresholdUsd: string },
  1
>;

export type ExportStatisticEvent =
  | ExportStatisticRecorded
  | ExportStatisticRevised
  | ExportStatisticRetracted
  | ExportThresholdExceeded;

export type ExportStatisticEventType = ExportStatisticEvent['type'];

export const EXPORT_STATISTIC_EVENT_TYPES: readonly ExportStatisticEventType[] = [
  EXPORT_STATISTIC_RECORDED,
  EXPORT_STATISTIC_REVISED,
  EXPORT_STATISTIC_RETRACTED,
  EXPORT_THRESHOLD_EXCEEDED,
];
