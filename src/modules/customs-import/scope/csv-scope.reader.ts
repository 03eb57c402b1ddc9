import { CsvError, parse } from 'csv-parse/sync';
import { HsScopeFileRefusedError } from './hs-scope.errors';
import { ScopeRow, textCell } from './scope-cell';

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * A CSV list as rows of text cells, numbered as a spreadsheet would show them (a quoted value over
 * several lines is one row). The separator is the one the first line uses most: Excel writes `;`
 * in locales whose decimal mark is a comma, and tabs for "Unicode text".
 */
export function csvScopeRows(bytes: Uint8Array): ScopeRow[] {
  const text = decode(bytes);
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) throw new HsScopeFileRefusedError(`is not readable CSV (${error.code} near line ${error.lines})`);
    throw error;
  }
  return records.map((record, index) => ({ row: index + 1, cells: record.map(textCell) }));
}

/**
 * UTF-8 (with or without a BOM), UTF-16 with its BOM (Excel's "Unicode text"), else CP949: what
 * Korean Excel writes for "CSV (comma delimited)". Codes are ASCII in all three; only headers differ.
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('euc-kr').decode(bytes);
  }
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = DELIMITERS.map((delimiter) => firstLine.split(delimiter).length - 1);
  const most = Math.max(...counts);
  return most === 0 ? ',' : DELIMITERS[counts.indexOf(most)];
}
