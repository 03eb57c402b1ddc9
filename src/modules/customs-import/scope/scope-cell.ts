/**
 * One cell of an uploaded HS code list, as the file format gave it. CSV has only text; XLSX also
 * stores numbers (Excel turns `0101` typed into a General cell into the number 101) and values no
 * code can be (dates, booleans, error values).
 */
export type ScopeCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  /** `zeroPaddedWidth`: the cell's number format is all zeros (`0000`), so Excel shows the value padded to it. */
  | { readonly kind: 'number'; readonly value: number; readonly zeroPaddedWidth?: number }
  | { readonly kind: 'unusable'; readonly what: string };

/** A row as the spreadsheet numbers it (1-based); `cells[0]` is column A. */
export interface ScopeRow {
  readonly row: number;
  readonly cells: readonly ScopeCell[];
}

export const EMPTY_CELL: ScopeCell = Object.freeze({ kind: 'empty' });

export function textCell(text: string): ScopeCell {
  return text.trim() === '' ? EMPTY_CELL : { kind: 'text', text };
}
