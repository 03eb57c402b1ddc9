import { Cell, CellValue, ValueType, Workbook } from 'exceljs';
import { HsScopeFileRefusedError } from './hs-scope.errors';
import { EMPTY_CELL, ScopeCell, ScopeRow, textCell } from './scope-cell';

/**
 * The first visible worksheet of an XLSX workbook as rows of cells, numbers kept as numbers so
 * that a code Excel stored as 101 can be refused rather than read as "101". A formula counts by
 * its cached result (`=TEXT(A2,"0000")` gives text).
 */
export async function xlsxScopeRows(bytes: Uint8Array): Promise<ScopeRow[]> {
  const workbook = new Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer of its own; at run time it takes Node's Buffer.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new HsScopeFileRefusedError('is not a readable XLSX workbook: open it in Excel and save it again as "Excel Workbook (.xlsx)"');
  }
  const sheet = workbook.worksheets.find((worksheet) => worksheet.state === undefined || worksheet.state === 'visible');
  if (sheet === undefined) throw new HsScopeFileRefusedError('has no visible worksheet');
  const rows: ScopeRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: ScopeCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => (cells[columnNumber - 1] = scopeCell(cell)));
    rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? EMPTY_CELL) });
  });
  return rows;
}

function scopeCell(cell: Cell): ScopeCell {
  switch (cell.type) {
    case ValueType.Null:
    case ValueType.Merge:
      return EMPTY_CELL;
    case ValueType.Formula:
      return fromValue(cell.result as CellValue, cell.numFmt);
    case ValueType.RichText:
    case ValueType.Hyperlink:
      return textCell(cell.text);
    default:
      return fromValue(cell.value, cell.numFmt);
  }
}

function fromValue(value: CellValue | undefined, numFmt: string | undefined): ScopeCell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return { kind: 'number', value, zeroPaddedWidth: zeroPadding(numFmt) };
  if (typeof value === 'boolean') return { kind: 'unusable', what: `the truth value ${value ? 'TRUE' : 'FALSE'}` };
  if (value instanceof Date) return { kind: 'unusable', what: 'a date' };
  if ('error' in value) return { kind: 'unusable', what: `the error value ${String(value.error)}` };
  if ('richText' in value) return textCell(value.richText.map((run) => run.text).join(''));
  if ('text' in value && typeof value.text === 'string') return textCell(value.text);
  return { kind: 'unusable', what: 'a value of an unsupported kind' };
}

/** `0000` shows 101 as 0101: the width is what the analyst sees, so the code is restored to it. */
function zeroPadding(numFmt: string | undefined): number | undefined {
  return numFmt !== undefined && /^0+$/.test(numFmt) ? numFmt.length : undefined;
}
