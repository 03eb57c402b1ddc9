import Decimal from 'decimal.js';
import { ImportUnit } from './import-unit';
import { SourceRow, sourceRowKey } from './source-row';
import { UnitChecksum, UnknownPartner } from './unit-progress';

/** The grand-total row's export figures; absent when the service had no trade to report. */
export interface SourceTotal {
  readonly valueUsd: string;
  readonly weightKg: string;
}

/** Which partner codes exist and which ISO code a Korean partner name stands for (the alias table). */
export interface PartnerReference {
  isKnownCode(code: string): boolean;
  resolveName(koreanName: string): string | undefined;
}

export type Verdict =
  | { readonly ok: true; readonly checksum: UnitChecksum }
  | { readonly ok: false; readonly checksum: UnitChecksum | null; readonly code: string; readonly reason: string };

const WHOLE = /^\d{1,18}$/;
const DECIMAL = /^\d{1,18}(\.\d{1,3})?$/;

/**
 * A unit's rows are applied only if every row belongs to the unit (10-digit code under its prefix,
 * a month of its range, one row per partner, code and month, figures that are whole non-negative
 * numbers) and their export figures add up exactly to the source's own grand total.
 */
export function verifyUnit(unit: ImportUnit, total: SourceTotal | undefined, rows: readonly SourceRow[]): Verdict {
  const months = new Set(unit.months.months().map(String));
  const seen = new Set<string>();
  let value = new Decimal(0);
  let weight = new Decimal(0);
  for (const [index, row] of rows.entries()) {
    const problem = rowProblem(unit, months, row);
    if (problem !== undefined) return { ok: false, checksum: null, code: 'CUSTOMS_IMPORT.ROW_INVALID', reason: `row ${index + 1}: ${problem}` };
    const key = sourceRowKey(row);
    if (seen.has(key)) return { ok: false, checksum: null, code: 'CUSTOMS_IMPORT.ROW_DUPLICATED', reason: `row ${index + 1}: ${key} appears twice` };
    seen.add(key);
    value = value.plus(row.valueUsd);
    weight = weight.plus(row.weightKg);
  }
  if (total !== undefined && (!DECIMAL.test(total.valueUsd) || !DECIMAL.test(total.weightKg))) {
    return { ok: false, checksum: null, code: 'CUSTOMS_IMPORT.ROW_INVALID', reason: `the grand total's figures ${total.valueUsd} USD, ${total.weightKg} kg are not numbers` };
  }
  const checksum: UnitChecksum = {
    sourceValueUsd: new Decimal(total?.valueUsd ?? 0).toFixed(2),
    sourceWeightKg: new Decimal(total?.weightKg ?? 0).toFixed(3),
    rowsValueUsd: value.toFixed(2),
    rowsWeightKg: weight.toFixed(3),
  };
  if (value.equals(checksum.sourceValueUsd) && weight.equals(checksum.sourceWeightKg)) return { ok: true, checksum };
  return {
    ok: false,
    checksum,
    code: 'CUSTOMS_IMPORT.CHECKSUM_MISMATCH',
    reason:
      `the rows add up to ${checksum.rowsValueUsd} USD and ${checksum.rowsWeightKg} kg, ` +
      `the source's grand total says ${checksum.sourceValueUsd} USD and ${checksum.sourceWeightKg} kg`,
  };
}

function rowProblem(unit: ImportUnit, months: ReadonlySet<string>, row: SourceRow): string | undefined {
  if (!/^\d{10}$/.test(row.hsCode) || !row.hsCode.startsWith(unit.hsPrefix)) return `HS code ${JSON.stringify(row.hsCode)} is not a 10-digit code under ${unit.hsPrefix}`;
  if (!months.has(row.period)) return `month ${JSON.stringify(row.period)} is outside ${unit.months}`;
  if (!/^[A-Z]{2}$/.test(row.partner)) return `partner ${JSON.stringify(row.partner)} is not a two-letter code`;
  if (!WHOLE.test(row.valueUsd) || !WHOLE.test(row.weightKg)) return `figures ${row.valueUsd} USD, ${row.weightKg} kg are not whole non-negative numbers`;
  return undefined;
}

/** The rows whose partner is unknown or contradicted by its Korean name, grouped with their counts. */
export function findUnknownPartners(rows: readonly SourceRow[], partners: PartnerReference): UnknownPartner[] {
  const found = new Map<string, UnknownPartner>();
  for (const row of rows) {
    const reason = partnerProblem(row, partners);
    if (reason === undefined) continue;
    const id = `${row.partner}|${row.partnerName}|${reason}`;
    const known = found.get(id);
    found.set(id, { code: row.partner, name: row.partnerName, reason, rows: (known?.rows ?? 0) + 1 });
  }
  return [...found.values()].sort((a, b) => (a.code + a.name < b.code + b.name ? -1 : 1));
}

export function partnerProblem(row: SourceRow, partners: PartnerReference): UnknownPartner['reason'] | undefined {
  if (!partners.isKnownCode(row.partner)) return 'unknown-code';
  const named = partners.resolveName(row.partnerName);
  if (named === undefined) return 'unknown-name';
  return named === row.partner ? undefined : 'name-contradicts-code';
}
