import { columnName, HsScopeInvalidError, HsScopeProblem, MAX_LISTED_PROBLEMS, quoted } from './hs-scope.errors';
import { readCodeCell } from './scope-code';
import { ScopeCell, ScopeRow } from './scope-cell';

/** The codes of a list, and where they were read, for the operator's confirmation. */
export interface HsScopeTable {
  /** Distinct, ascending, digits only: `0101` keeps its zero. */
  readonly codes: readonly string[];
  /** `A` when the list has no header, else the column whose header names the codes. */
  readonly column: string;
  readonly headerRow: number | null;
  /** Code cells read, repeats included. */
  readonly cellsRead: number;
  readonly duplicates: number;
}

/** A header that names the code column: `HS code`, `HSK`, `HS부호`, `품목코드`, `세번`... */
const CODE_HEADER = /\bhsk?\b|hs.?(code|부호|코드)|품목.?(코드|번호)|세번|^코드$|^code$/i;

/**
 * The HS codes of a list read from CSV or XLSX. The first non-blank row may be a header (see
 * isHeader); the code column is the header cell that names it (or the only one),
 * else the first filled column. Other columns (descriptions, notes) are ignored, blank cells
 * skipped; every bad cell is reported with its row and column, and then nothing is returned.
 */
export function hsScopeFromRows(rows: readonly ScopeRow[]): HsScopeTable {
  const first = rows.find((row) => row.cells.some(isFilled));
  if (first === undefined) throw new HsScopeInvalidError([{ row: 1, column: 'A', reason: 'the list is empty: put one HS code per row in column A' }]);
  const header = isHeader(first) ? first : null;
  const columnIndex = header === null ? first.cells.findIndex(isFilled) : headerColumn(header);
  const column = columnName(columnIndex + 1);

  const problems: HsScopeProblem[] = [];
  const codes = new Set<string>();
  let cellsRead = 0;
  for (const row of rows) {
    if (row === header) continue;
    const reading = readCodeCell(row.cells[columnIndex] ?? { kind: 'empty' });
    if (reading === null) continue;
    cellsRead += 1;
    if ('code' in reading) codes.add(reading.code);
    else problems.push({ row: row.row, column, reason: reading.reason });
  }
  if (problems.length > 0) throw new HsScopeInvalidError(problems.slice(0, MAX_LISTED_PROBLEMS), Math.max(0, problems.length - MAX_LISTED_PROBLEMS));
  if (codes.size === 0) throw new HsScopeInvalidError([{ row: (header?.row ?? 0) + 1, column, reason: 'no HS code below the header: put one code per row' }]);
  return { codes: [...codes].sort(), column, headerRow: header?.row ?? null, cellsRead, duplicates: cellsRead - codes.size };
}

function isFilled(cell: ScopeCell): boolean {
  return cell.kind !== 'empty';
}

/**
 * No cell reads as a code, and either a cell names the code column (`HS code (2022)`) or the row
 * has words and no digit at all: a mistyped first code (`O101`, `x1`) is reported, not skipped.
 */
function isHeader(row: ScopeRow): boolean {
  const texts = row.cells.flatMap((cell) => (cell.kind === 'text' ? [cell.text] : []));
  const names = texts.some((text) => CODE_HEADER.test(text.trim()));
  const words = texts.some((text) => /\p{L}/u.test(text)) && !row.cells.some((cell) => cell.kind === 'number' || (cell.kind === 'text' && /\d/.test(cell.text)));
  return (names || words) && !row.cells.some(isCode);
}

function isCode(cell: ScopeCell): boolean {
  const reading = readCodeCell(cell);
  return reading !== null && 'code' in reading;
}

function headerColumn(header: ScopeRow): number {
  const filled = header.cells.flatMap((cell, index) => (cell.kind === 'text' ? [{ index, text: cell.text.trim() }] : []));
  const named = filled.find((cell) => CODE_HEADER.test(cell.text));
  if (named !== undefined) return named.index;
  if (filled.length === 1) return filled[0].index;
  const headers = filled.map((cell) => quoted(cell.text)).join(', ');
  throw new HsScopeInvalidError([
    { row: header.row, column: columnName(filled[0].index + 1), reason: `no header names the code column (${headers}): call it "HS code"` },
  ]);
}
