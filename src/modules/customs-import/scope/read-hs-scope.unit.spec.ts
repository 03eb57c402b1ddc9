import fc from 'fast-check';
import { csvOf, xlsxOf } from '../../../../test/support/hs-scope-files.fixtures';
import { HsScopeFileRefusedError, HsScopeInvalidError, HsScopeProblem } from './hs-scope.errors';
import { readHsScope } from './read-hs-scope';

const limits = { maxBytes: 2 * 1024 * 1024 };
const XLSX = { fileName: 'codes.xlsx' };
const CSV = { fileName: 'codes.csv' };

async function problemsOf(read: Promise<unknown>): Promise<HsScopeProblem[]> {
  const error = await read.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HsScopeInvalidError);
  return [...(error as HsScopeInvalidError).problems];
}

async function refusal(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HsScopeFileRefusedError);
  return (error as HsScopeFileRefusedError).reason;
}

describe('readHsScope from XLSX', () => {
  it('given a sheet with a description column and codes under an "HS code" header, when read, then the distinct codes come back as text with their zeros', async () => {
    const file = await xlsxOf({
      rows: [['Description', 'HS code'], ['Live horses', '0101'], ['Loudspeakers', '8518309000'], undefined, ['again', '0101'], ['Fish', '03']],
    });

    const scope = await readHsScope(file, XLSX, limits);

    expect(scope).toEqual({ format: 'xlsx', codes: ['0101', '03', '8518309000'], column: 'B', headerRow: 1, cellsRead: 4, duplicates: 1 });
  });

  it('given codes typed into General cells, when read, then a number that lost its zero is refused with the fix, and an even one is kept', async () => {
    const file = await xlsxOf({ rows: [['HS code'], [101], [8518], [101211000]] });

    expect(await problemsOf(readHsScope(file, XLSX, limits))).toEqual([
      { row: 2, column: 'A', reason: expect.stringMatching(/^is the number 101: Excel dropped a leading zero \(did you mean 0101\?\); format the column as Text.*number format 0000$/) },
      { row: 4, column: 'A', reason: expect.stringContaining('did you mean 0101211000?') },
    ]);
  });

  it('given numbers in cells formatted 0000 and 0000000000, when read, then the codes are restored as the sheet shows them', async () => {
    const file = await xlsxOf({ rows: [[{ value: 101, numFmt: '0000' }], [{ value: 101211000, numFmt: '0000000000' }], [8518]] });

    expect((await readHsScope(file, XLSX, limits)).codes).toEqual(['0101', '0101211000', '8518']);
  });

  it('given cells no code can be, when read, then each is named by row and column with what it holds', async () => {
    const file = await xlsxOf({
      rows: [
        ['Name', 'HS부호'],
        ['date', new Date(Date.UTC(2026, 0, 1))],
        ['bool', true],
        ['error', { error: '#N/A' }],
        ['decimal', 8518.3],
        ['words', 'horses'],
        ['eight digits', '85183090'],
        ['chapter 00', '0012'],
        ['scientific', '8.51831E+09'],
        ['ok', '8518.30-9000'],
      ],
    });

    expect(await problemsOf(readHsScope(file, XLSX, limits))).toEqual([
      { row: 2, column: 'B', reason: 'is a date, not an HS code' },
      { row: 3, column: 'B', reason: 'is the truth value TRUE, not an HS code' },
      { row: 4, column: 'B', reason: 'is the error value #N/A, not an HS code' },
      { row: 5, column: 'B', reason: expect.stringMatching(/^is the number 8518.3, not an HS code; format the column as Text/) },
      { row: 6, column: 'B', reason: expect.stringMatching(/^"horses" is not an HS code/) },
      { row: 7, column: 'B', reason: '"85183090" has 8 digits; HS codes have 2, 4, 6 or 10' },
      { row: 8, column: 'B', reason: '"0012" is in chapter 00, which does not exist' },
      { row: 9, column: 'B', reason: expect.stringMatching(/^"8.51831E\+09" is in scientific notation/) },
    ]);
  });

  it('given formulas with text results and rich text, when read, then their text counts', async () => {
    const file = await xlsxOf({
      rows: [
        [{ formula: 'TEXT(101,"0000")', result: '0101' }],
        [{ richText: [{ text: '85' }, { text: '18', font: { bold: true } }] }],
      ],
    });

    expect((await readHsScope(file, XLSX, limits)).codes).toEqual(['0101', '8518']);
  });

  it('given a hidden first sheet, when read, then the first visible one is', async () => {
    const file = await xlsxOf({ name: 'old', hidden: true, rows: [['9999']] }, { name: 'list', rows: [['0101']] });

    expect((await readHsScope(file, XLSX, limits)).codes).toEqual(['0101']);
  });

  it('given 25 bad cells, when read, then 20 are listed and the other 5 counted', async () => {
    const file = await xlsxOf({ rows: Array.from({ length: 25 }, () => ['x1']) });
    const error = await readHsScope(file, XLSX, limits).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(HsScopeInvalidError);
    expect((error as HsScopeInvalidError).problems.map((problem) => problem.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((error as HsScopeInvalidError).unlisted).toBe(5);
    expect((error as HsScopeInvalidError).message).toMatch(/^The HS code list has 25 bad cell\(s\) \(and 5 more\): row 1, column A: "x1" is not/);
  });

  it('given a first row that is a mistyped code rather than a header, when read, then it is reported', async () => {
    const file = await xlsxOf({ rows: [['O101', 'Live horses'], ['0102', 'Live cattle']] });

    expect(await problemsOf(readHsScope(file, XLSX, limits))).toEqual([{ row: 1, column: 'A', reason: expect.stringMatching(/^"O101" is not an HS code/) }]);
  });

  it.each([
    ['an empty sheet', [], 1, 'A', /^the list is empty/],
    ['only a header', [['HS code']], 2, 'A', /^no HS code below the header/],
    ['two headers, none naming codes', [['Name', 'Note'], ['a', '0101']], 1, 'A', /^no header names the code column \("Name", "Note"\): call it "HS code"$/],
  ])('given %s, when read, then it is refused with its row and column', async (_, rows, row, column, reason) => {
    const file = await xlsxOf({ rows });

    expect(await problemsOf(readHsScope(file, XLSX, limits))).toEqual([{ row, column, reason: expect.stringMatching(reason) }]);
  });
});

describe('readHsScope from CSV', () => {
  it('given a BOM, CRLF, a semicolon separator, quotes and blank lines, when read, then rows are numbered as a spreadsheet shows them', async () => {
    const file = new Uint8Array([0xef, 0xbb, 0xbf, ...csvOf(['Omschrijving;HS code', '"Paarden; levend";0101', '', '"multi', 'line";8518', 'x;85x'], '\r\n')]);

    expect(await problemsOf(readHsScope(file, CSV, limits))).toEqual([{ row: 5, column: 'B', reason: expect.stringMatching(/^"85x" is not an HS code/) }]);
  });

  it('given a list Korean Excel saved as CP949 with a Korean header, when read, then the header is recognised', async () => {
    // "품목코드,품명" in CP949, then two rows.
    const header = [0xc7, 0xb0, 0xb8, 0xf1, 0xc4, 0xda, 0xb5, 0xe5, 0x2c, 0xc7, 0xb0, 0xb8, 0xed];
    const file = new Uint8Array([...header, ...csvOf(['', '0101,x', '8518309000,y'])]);

    expect(await readHsScope(file, CSV, limits)).toEqual({ format: 'csv', codes: ['0101', '8518309000'], column: 'A', headerRow: 1, cellsRead: 2, duplicates: 0 });
  });

  it('given UTF-16 tab-separated "Unicode text", when read, then its codes are read', async () => {
    const text = 'HS code\tname\r\n0101\thorses\r\n';
    const file = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);

    expect((await readHsScope(file, { fileName: 'codes.txt' }, limits)).codes).toEqual(['0101']);
  });

  it('given a CSV a spreadsheet wrote with its zeros lost, when read, then each such row is refused with the likely code', async () => {
    const file = csvOf(['101', '8518', '10121']);

    expect(await problemsOf(readHsScope(file, CSV, limits))).toEqual([
      { row: 1, column: 'A', reason: expect.stringMatching(/^"101" has 3 digits; .*it was 0101: format the column as Text/) },
      { row: 3, column: 'A', reason: expect.stringContaining('it was 010121') },
    ]);
  });

  it('given an unclosed quote, when read, then the file is refused as unreadable', async () => {
    expect(await refusal(readHsScope(csvOf(['0101', '"8518']), CSV, limits))).toMatch(/^is not readable CSV \(CSV_QUOTE_NOT_CLOSED/);
  });
});

describe('readHsScope refuses files', () => {
  it.each([
    ['an empty file', new Uint8Array(), CSV, /^is an empty file$/],
    ['an .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), { fileName: 'codes.xls' }, /Excel 97-2003/],
    ['an OLE file named .xlsx (password-protected)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), XLSX, /password-protected/],
    ['a file of unknown kind', csvOf(['0101']), { fileName: 'codes.pdf', mediaType: 'application/pdf' }, /^is neither CSV nor XLSX/],
    ['CSV text named .xlsx', csvOf(['0101']), XLSX, /^is named as XLSX but is not/],
    ['a truncated workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), XLSX, /no ZIP directory/],
  ])('given %s, when read, then it is refused', async (_, bytes, source, reason) => {
    expect(await refusal(readHsScope(bytes, source, limits))).toMatch(reason);
  });

  it('given a file over CUSTOMS_IMPORT_SCOPE_MAX_BYTES, when read, then it is refused naming the setting', async () => {
    expect(await refusal(readHsScope(csvOf(['0101'.repeat(300)]), CSV, { maxBytes: 1024 }))).toMatch(/^is 1200 bytes, over the limit of 1024 \(CUSTOMS_IMPORT_SCOPE_MAX_BYTES\)/);
  });

  it('given a workbook named by media type only, and one that inflates far past the limit, when read, then the first is read and the second refused', async () => {
    const small = await xlsxOf({ rows: [['0101']] });
    const inflating = await xlsxOf({ rows: [['HS code'], ['0'.repeat(1_000_000)]] });
    const mediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    expect((await readHsScope(small, { mediaType }, limits)).codes).toEqual(['0101']);
    expect(inflating.byteLength).toBeLessThan(20_000);
    expect(await refusal(readHsScope(inflating, XLSX, { maxBytes: 20_000 }))).toMatch(/^inflates to \d+ bytes, more than 32 times CUSTOMS_IMPORT_SCOPE_MAX_BYTES/);
  });

  it('given a ZIP named .csv, when read, then it is refused as a workbook in disguise', async () => {
    expect(await refusal(readHsScope(await xlsxOf({ rows: [['0101']] }), CSV, limits))).toMatch(/^is named as CSV but is a ZIP archive/);
  });
});

const codeArb = fc
  .tuple(fc.constantFrom(2, 4, 6, 10), fc.integer({ min: 1, max: 99 }), fc.stringMatching(/^[0-9]{8}$/))
  .map(([length, chapter, rest]) => `${String(chapter).padStart(2, '0')}${rest}`.slice(0, length));

describe('readHsScope, for any list', () => {
  it('given valid codes in any order with repeats and blank rows, when written as CSV and as XLSX text, then exactly the distinct codes come back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(codeArb, { freq: 5 }), { minLength: 1, maxLength: 40 }), async (cells) => {
        fc.pre(cells.some((cell) => cell !== null));
        const expected = [...new Set(cells.filter((cell): cell is string => cell !== null))].sort();
        const rows = ['HS code', ...cells.map((cell) => cell ?? '')];

        expect((await readHsScope(csvOf(rows), CSV, limits)).codes).toEqual(expected);
        expect((await readHsScope(await xlsxOf({ rows: rows.map((cell) => [cell === '' ? null : cell]) }), XLSX, limits)).codes).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('given one bad cell anywhere among good ones, when read, then the error names exactly its row and column', async () => {
    const badArb = fc.constantFrom('101', '12345', 'abc', '85183090', '8.5E+09', '0012');
    await fc.assert(
      fc.asyncProperty(fc.array(codeArb, { minLength: 1, maxLength: 20 }), fc.nat(), fc.integer({ min: 0, max: 30 }), badArb, async (codes, at, columnIndex, bad) => {
        const position = at % (codes.length + 1);
        const column = [...codes.slice(0, position), bad, ...codes.slice(position)];
        const pad = Array.from({ length: columnIndex }, () => 'note');
        const rows = [[...pad.map(() => 'Note'), 'HS code'], ...column.map((cell) => [...pad, cell])];
        const expectedColumn = columnIndex < 26 ? String.fromCharCode(65 + columnIndex) : `A${String.fromCharCode(65 + columnIndex - 26)}`;

        const problems = await problemsOf(readHsScope(await xlsxOf({ rows }), XLSX, limits));
        expect(problems.map(({ row, column: name }) => ({ row, column: name }))).toEqual([{ row: position + 2, column: expectedColumn }]);
      }),
      { numRuns: 40 },
    );
  });

  it('given any valid code stored as a number, when read, then it is restored under a zero format and otherwise kept only when it has no leading zero', async () => {
    await fc.assert(
      fc.asyncProperty(codeArb, async (code) => {
        const formatted = await xlsxOf({ rows: [[{ value: Number(code), numFmt: '0'.repeat(code.length) }]] });
        const general = await xlsxOf({ rows: [[Number(code)]] });

        expect((await readHsScope(formatted, XLSX, limits)).codes).toEqual([code]);
        if (code.startsWith('0')) {
          expect(await problemsOf(readHsScope(general, XLSX, limits))).toEqual([{ row: 1, column: 'A', reason: expect.stringContaining(`did you mean ${code}?`) }]);
        } else {
          expect((await readHsScope(general, XLSX, limits)).codes).toEqual([code]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
