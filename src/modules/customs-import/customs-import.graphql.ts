import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/domain-error';
import type { CustomsImportStatusView } from './customs-import.status';
import type { ImportUnitView } from './customs-import.view';
import type { UnitState } from './domain/unit-progress';
import { HsScopeFileRefusedError } from './scope/hs-scope.errors';

// How the customs import's views meet schema.graphql (CustomsImport and its parts): enum
// spellings, the checksum sums, the page cursor and the uploaded list's bytes. Pure functions.

export type GraphqlUnitState = Uppercase<UnitState>;

export interface HsCodesFileInput {
  readonly fileName: string;
  readonly mediaType?: string | null;
  readonly contentBase64: string;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * The bytes of an uploaded list, refused before decoding when the text could not hold a valid
 * file of at most `maxBytes` (CUSTOMS_IMPORT_SCOPE_MAX_BYTES); the HTTP body limit bounds it first.
 */
export function decodeHsCodesFile(file: HsCodesFileInput, maxBytes: number): Uint8Array {
  const text = file.contentBase64.replace(/\s+/g, '');
  if (!BASE64.test(text)) throw new ValidationError('hsCodesFile.contentBase64', 'must be the file in base64 (A-Z, a-z, 0-9, +, /, =)');
  const decodedAtLeast = Math.floor((text.length * 3) / 4) - 2;
  if (decodedAtLeast > maxBytes) {
    throw new HsScopeFileRefusedError(`is over ${decodedAtLeast} bytes, over the limit of ${maxBytes} (CUSTOMS_IMPORT_SCOPE_MAX_BYTES): split it, or import by chapter`);
  }
  return new Uint8Array(Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64'));
}

/** The HS codes to import: those typed, those of the file, both (distinct, ascending), or every chapter (undefined). */
export function mergeHsCodes(typed: readonly string[] | null | undefined, fromFile: readonly string[] | undefined): string[] | undefined {
  if ((typed === null || typed === undefined) && fromFile === undefined) return undefined;
  const codes = [...new Set([...(typed ?? []), ...(fromFile ?? [])])].sort();
  if (codes.length === 0) throw new ValidationError('hsCodes', 'must name at least one HS code; leave hsCodes and hsCodesFile out to import every chapter');
  return codes;
}

export function encodeImportCursor(view: Pick<CustomsImportStatusView, 'requestedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([view.requestedAt.toISOString(), view.id])).toString('base64url');
}

export function decodeImportCursor(cursor: string): { requestedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const requestedAt = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(requestedAt.getTime())) return { requestedAt, id };
  } catch {
    // Reported below, like any other text that is not a cursor of this list.
  }
  throw new ValidationError('after', 'must be an endCursor this list returned');
}

export function unitState(state: GraphqlUnitState | null | undefined): UnitState | undefined {
  return state === null || state === undefined ? undefined : (state.toLowerCase() as UnitState);
}

/** The object schema.graphql's CustomsImport is resolved from (units take their state filter). */
export function customsImportNode(view: CustomsImportStatusView) {
  const { counts } = view;
  return {
    id: view.id,
    correlationId: view.correlationId,
    from: view.months.slice(0, 7),
    to: view.months.slice(-7),
    hsCodes: view.hsPrefixes,
    state: view.state.toUpperCase(),
    requestedBy: view.requestedBy,
    requestedAt: view.requestedAt,
    finishedAt: view.finishedAt,
    waitingFor: view.waitingFor,
    pausedUntil: view.pausedUntil,
    failureCode: view.failureCode,
    failure: view.failure,
    counts: {
      units: counts.units,
      pending: counts.unitsByState.pending ?? 0,
      done: counts.unitsByState.done ?? 0,
      fetched: counts.fetched,
      recorded: counts.recorded,
      revised: counts.revised,
      retracted: counts.retracted,
      unchanged: counts.unchanged,
      unknownPartnerRows: counts.unknownPartnerRows,
      refused: counts.refused,
      deadLettered: counts.deadLettered,
    },
    checksum: importChecksum(view.units),
    quotaUsedToday: view.quotaUsedToday,
    dailyQuota: view.dailyQuota,
    lastPosition: view.lastPosition,
    visible: view.visible,
    units: ({ state }: { state?: GraphqlUnitState | null }) => {
      const wanted = unitState(state);
      return view.units.filter((unit) => wanted === undefined || unit.state === wanted).map(unitNode);
    },
  };
}

export function unitNode(unit: ImportUnitView) {
  const { checksum } = unit;
  return {
    id: unit.key,
    hsPrefix: unit.hsPrefix,
    months: unit.months,
    parentId: unit.parentKey,
    state: unit.state.toUpperCase(),
    attempts: unit.attempts,
    lastErrorCode: unit.lastErrorCode,
    lastError: unit.lastError,
    fetched: unit.fetched,
    recorded: unit.recorded,
    revised: unit.revised,
    retracted: unit.retracted,
    unchanged: unit.unchanged,
    checksum: checksum && { ...checksum, matches: checksumMatches(checksum) },
    unknownPartners: unit.unknownPartners,
  };
}

/** The units' checksums summed exactly; a unit counts as matching when both its figures agree. */
export function importChecksum(units: readonly ImportUnitView[]) {
  let unitsMatching = 0;
  let unitsMismatching = 0;
  const sums = { sourceValueUsd: new Decimal(0), sourceWeightKg: new Decimal(0), rowsValueUsd: new Decimal(0), rowsWeightKg: new Decimal(0) };
  for (const { checksum } of units) {
    if (checksum === null) continue;
    if (checksumMatches(checksum)) unitsMatching += 1;
    else unitsMismatching += 1;
    for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] = sums[key].plus(checksum[key]);
  }
  return {
    unitsMatching,
    unitsMismatching,
    sourceValueUsd: sums.sourceValueUsd.toFixed(2),
    sourceWeightKg: sums.sourceWeightKg.toFixed(3),
    rowsValueUsd: sums.rowsValueUsd.toFixed(2),
    rowsWeightKg: sums.rowsWeightKg.toFixed(3),
  };
}

function checksumMatches(checksum: NonNullable<ImportUnitView['checksum']>): boolean {
  return new Decimal(checksum.sourceValueUsd).equals(checksum.rowsValueUsd) && new Decimal(checksum.sourceWeightKg).equals(checksum.rowsWeightKg);
}
