import { csvScopeRows } from './csv-scope.reader';
import { HsScopeFileRefusedError } from './hs-scope.errors';
import { hsScopeFromRows, HsScopeTable } from './hs-scope-table';
import { ScopeRow } from './scope-cell';
import { xlsxScopeRows } from './xlsx-scope.reader';
import { declaredUncompressedSize } from './zip-size';

export type HsScopeFormat = 'csv' | 'xlsx';

export interface HsScope extends HsScopeTable {
  readonly format: HsScopeFormat;
}

/** What the upload says it is: its file name, its media type, or both. */
export interface HsScopeSource {
  readonly fileName?: string;
  readonly mediaType?: string;
}

export interface HsScopeLimits {
  /** CUSTOMS_IMPORT_SCOPE_MAX_BYTES. */
  readonly maxBytes: number;
}

/** A workbook of codes inflates about tenfold; far more is an archive built to exhaust memory. */
const MAX_INFLATION = 32;
const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MEDIA_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values'];

/**
 * An operator's list of HS codes to import, from the bytes of a CSV or XLSX upload: distinct
 * codes of 2, 4, 6 or 10 digits as strings, or a typed error naming each bad cell's row and
 * column (HsScopeInvalidError) or what is wrong with the file (HsScopeFileRefusedError).
 */
export async function readHsScope(bytes: Uint8Array, source: HsScopeSource, limits: HsScopeLimits): Promise<HsScope> {
  if (bytes.byteLength === 0) throw new HsScopeFileRefusedError('is an empty file');
  if (bytes.byteLength > limits.maxBytes) {
    throw new HsScopeFileRefusedError(
      `is ${bytes.byteLength} bytes, over the limit of ${limits.maxBytes} (CUSTOMS_IMPORT_SCOPE_MAX_BYTES): split it, or import by chapter`,
    );
  }
  const format = formatOf(bytes, source);
  const rows = format === 'xlsx' ? await workbookRows(bytes, limits) : csvScopeRows(bytes);
  return { format, ...hsScopeFromRows(rows) };
}

async function workbookRows(bytes: Uint8Array, limits: HsScopeLimits): Promise<ScopeRow[]> {
  const inflated = declaredUncompressedSize(bytes);
  if (inflated === undefined) throw new HsScopeFileRefusedError('is not a readable XLSX workbook (no ZIP directory): save it again as "Excel Workbook (.xlsx)"');
  if (inflated > limits.maxBytes * MAX_INFLATION) {
    throw new HsScopeFileRefusedError(`inflates to ${inflated} bytes, more than ${MAX_INFLATION} times CUSTOMS_IMPORT_SCOPE_MAX_BYTES: keep only the codes in it`);
  }
  return xlsxScopeRows(bytes);
}

function formatOf(bytes: Uint8Array, source: HsScopeSource): HsScopeFormat {
  const declared = declaredFormat(source);
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole) throw new HsScopeFileRefusedError('is an Excel 97-2003 (.xls) or password-protected workbook: save it as "Excel Workbook (.xlsx)" or CSV, without a password');
  if (declared === undefined) throw new HsScopeFileRefusedError('is neither CSV nor XLSX by its name or media type: upload a .csv or .xlsx file');
  if (declared === 'xlsx' && !zip) throw new HsScopeFileRefusedError('is named as XLSX but is not an XLSX workbook: save it again as "Excel Workbook (.xlsx)"');
  if (declared === 'csv' && zip) throw new HsScopeFileRefusedError('is named as CSV but is a ZIP archive (an XLSX workbook?): upload it as .xlsx');
  return declared;
}

function declaredFormat(source: HsScopeSource): HsScopeFormat | undefined {
  const mediaType = source.mediaType?.split(';')[0].trim().toLowerCase();
  const extension = /\.([a-z]+)$/i.exec(source.fileName ?? '')?.[1].toLowerCase();
  if (extension === 'xlsx' || mediaType === XLSX_MEDIA_TYPE) return 'xlsx';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt' || (mediaType !== undefined && CSV_MEDIA_TYPES.includes(mediaType))) return 'csv';
  if (extension === 'xls') throw new HsScopeFileRefusedError('is an Excel 97-2003 (.xls) workbook: save it as "Excel Workbook (.xlsx)" or CSV');
  return undefined;
}
