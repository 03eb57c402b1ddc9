import { CellValue, Workbook } from 'exceljs';

/** A cell to write: a value, optionally with a number format (`0000` keeps zeros on screen). */
export type CellSpec = CellValue | { readonly value: CellValue; readonly numFmt: string };

export interface SheetSpec {
  readonly name?: string;
  readonly hidden?: boolean;
  /** Row 1 first; `undefined` rows stay blank, so row numbers match the array's index + 1. */
  readonly rows: readonly (readonly CellSpec[] | undefined)[];
}

/** A real XLSX file, written by exceljs in memory, as an analyst's sheet would be saved. */
export async function xlsxOf(...sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new Workbook();
  sheets.forEach((spec, index) => {
    const sheet = workbook.addWorksheet(spec.name ?? `Sheet${index + 1}`, { state: spec.hidden ? 'hidden' : 'visible' });
    spec.rows.forEach((cells, rowIndex) => {
      (cells ?? []).forEach((spec, columnIndex) => {
        const cell = sheet.getCell(rowIndex + 1, columnIndex + 1);
        if (isFormatted(spec)) {
          cell.value = spec.value;
          cell.numFmt = spec.numFmt;
        } else {
          cell.value = spec as CellValue;
        }
      });
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function isFormatted(spec: CellSpec): spec is { value: CellValue; numFmt: string } {
  return typeof spec === 'object' && spec !== null && !(spec instanceof Date) && 'numFmt' in spec;
}

/** CSV bytes in UTF-8; lines joined with the given line break. */
export function csvOf(lines: readonly string[], lineBreak = '\n'): Uint8Array {
  return new TextEncoder().encode(lines.join(lineBreak));
}
