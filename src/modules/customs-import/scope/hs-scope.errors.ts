import { DomainError } from '../../../kernel/domain-error';

// Refusals of an operator's HS code list. Codes are part of the API: never rename one. Messages
// quote at most a short piece of a cell, never the file's bytes.

/** Where a bad code sits, as the spreadsheet shows it: row 1 is the first line, column A the first. */
export interface HsScopeProblem {
  readonly row: number;
  readonly column: string;
  readonly reason: string;
}

/** How many problems one error lists; the count of the rest is given. */
export const MAX_LISTED_PROBLEMS = 20;

/** Cells that hold no usable HS code: every one found (up to MAX_LISTED_PROBLEMS), so all are fixed at once. */
export class HsScopeInvalidError extends DomainError {
  readonly code = 'CUSTOMS_IMPORT.HS_SCOPE_INVALID';
  readonly category = 'VALIDATION';

  constructor(
    readonly problems: readonly HsScopeProblem[],
    readonly unlisted = 0,
  ) {
    const listed = problems.map((problem) => `row ${problem.row}, column ${problem.column}: ${problem.reason}`);
    const more = unlisted > 0 ? ` (and ${unlisted} more)` : '';
    super(`The HS code list has ${problems.length + unlisted} bad cell(s)${more}: ${listed.join('; ')}`, {
      field: 'hsCodes',
      problems: problems.map((problem) => ({ ...problem })),
      unlisted,
    });
  }
}

/** The file as a whole cannot be read: its size, its type, or its structure. */
export class HsScopeFileRefusedError extends DomainError {
  readonly code = 'CUSTOMS_IMPORT.HS_SCOPE_FILE_REFUSED';
  readonly category = 'VALIDATION';

  constructor(readonly reason: string) {
    super(`The HS code list ${reason}`, { field: 'hsCodes', reason });
  }
}

/** `A`, ..., `Z`, `AA`, ... as spreadsheets name a 1-based column. */
export function columnName(index: number): string {
  let name = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/** A cell's text cut short for a message: enough to find it, never a whole cell of arbitrary size. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
