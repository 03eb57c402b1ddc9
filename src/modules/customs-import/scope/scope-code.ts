import { quoted } from './hs-scope.errors';
import { ScopeCell } from './scope-cell';

/** What one cell of the code column says: a code, a reason it is none, or nothing (blank). */
export type CellReading = { readonly code: string } | { readonly reason: string } | null;

const LEVELS = [2, 4, 6, 10];
/** Blanks and the separators of the written forms `0101.21` and `8518.30-9000`; NBSP and zero-width too. */
const SEPARATORS = /[\s.\-\u00a0\u200b\ufeff]/g;
const SCIENTIFIC = /^[+-]?\d+([.,]\d+)?e[+-]?\d+$/i;
const TEXT_ADVICE = 'format the column as Text and type the codes with their leading zeros';

export function readCodeCell(cell: ScopeCell): CellReading {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'text':
      return readText(cell.text);
    case 'number':
      return readNumber(cell.value, cell.zeroPaddedWidth);
    case 'unusable':
      return { reason: `is ${cell.what}, not an HS code` };
    default: {
      const never: never = cell;
      return never;
    }
  }
}

function readText(text: string): CellReading {
  const trimmed = text.trim();
  const digits = trimmed.replace(SEPARATORS, '');
  if (SCIENTIFIC.test(trimmed)) {
    return { reason: `${quoted(trimmed)} is in scientific notation: a spreadsheet turned the code into a rounded number; ${TEXT_ADVICE}` };
  }
  if (!/^\d+$/.test(digits)) {
    return { reason: `${quoted(trimmed)} is not an HS code: only digits, optionally written 0101.21 or 8518.30-9000` };
  }
  return checkDigits(digits, quoted(trimmed), /^\d+$/.test(trimmed));
}

/**
 * Excel keeps a code typed into a General cell as a number, losing its leading zero. A number is
 * taken only when nothing can have been lost: the cell shows it zero-padded (number format `0000`),
 * or it has an even number of digits (every chapter with a leading zero, 01..09, then comes out
 * odd). `101` is refused with what to do, never guessed into `0101`.
 */
function readNumber(value: number, zeroPaddedWidth: number | undefined): CellReading {
  if (!Number.isSafeInteger(value) || value < 0) {
    return { reason: `is the number ${value}, not an HS code; ${TEXT_ADVICE}` };
  }
  const shown = String(value).padStart(zeroPaddedWidth ?? 0, '0');
  if (zeroPaddedWidth === undefined && shown.length % 2 === 1 && LEVELS.includes(shown.length + 1)) {
    return {
      reason:
        `is the number ${shown}: Excel dropped a leading zero (did you mean 0${shown}?); ` +
        `${TEXT_ADVICE}, or give the column the number format ${'0'.repeat(shown.length + 1)}`,
    };
  }
  return checkDigits(shown, zeroPaddedWidth === undefined ? `the number ${shown}` : `${shown} (a number shown zero-padded)`, false);
}

function checkDigits(digits: string, shown: string, mayHaveLostZero: boolean): CellReading {
  if (!LEVELS.includes(digits.length)) {
    const zeroLost = mayHaveLostZero && digits.length % 2 === 1 && LEVELS.includes(digits.length + 1);
    const hint = zeroLost ? `; if a spreadsheet dropped a leading zero it was 0${digits}: ${TEXT_ADVICE}` : '';
    return { reason: `${shown} has ${digits.length} digits; HS codes have 2, 4, 6 or 10${hint}` };
  }
  if (digits.startsWith('00')) return { reason: `${shown} is in chapter 00, which does not exist` };
  return { code: digits };
}
