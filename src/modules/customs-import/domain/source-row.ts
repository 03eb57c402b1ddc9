/**
 * One row of the customs source as the import keeps it between fetch and process: the partner,
 * the 10-digit HSK code, the month (`YYYY-MM`) and the export figures as the service wrote them
 * (whole dollars and kilograms, strings). Import figures are not kept (README, "customs import").
 */
export interface SourceRow {
  readonly partner: string;
  readonly partnerName: string;
  readonly hsCode: string;
  readonly period: string;
  readonly valueUsd: string;
  readonly weightKg: string;
}

/** `CN-8518309000-2026-08`: the statistics context's key spelling, so both sides compare strings. */
export function sourceRowKey(row: Pick<SourceRow, 'partner' | 'hsCode' | 'period'>): string {
  return `${row.partner}-${row.hsCode}-${row.period}`;
}

/** An active statistic of the unit's scope as the statistics context reports it. */
export interface CurrentFigure {
  readonly key: string;
  readonly valueUsd: string;
  readonly weightKg: string;
}
