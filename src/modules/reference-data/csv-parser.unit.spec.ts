import { parseCsv, parseCsvRecords } from './csv-parser';

describe('parseCsv', () => {
  it('given quoted fields with commas, doubled quotes and line breaks, when parsed, then keeps them inside the field', () => {
    // given
    const text = 'a,b\n"x, y","say ""hi""\nthere"\n';

    // when
    const rows = parseCsv(text);

    // then
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('given a UTF-8 BOM, CRLF line ends and no final line break, when parsed, then neither leaks into the data', () => {
    // given
    const text = '\uFEFFsection,name\r\nI,live animals\r\nII,"Vegetable, products"';

    // when
    const rows = parseCsv(text);

    // then
    expect(rows).toEqual([
      ['section', 'name'],
      ['I', 'live animals'],
      ['II', 'Vegetable, products'],
    ]);
  });

  it('given empty fields, when parsed, then they stay as empty strings', () => {
    expect(parseCsv(',a,\n')).toEqual([['', 'a', '']]);
  });

  it('given an unterminated quote, when parsed, then it throws', () => {
    expect(() => parseCsv('a,"b\n')).toThrow('quoted field');
  });
});

describe('parseCsvRecords', () => {
  it('given a header, when read as records, then fields are keyed by column name in any column order', () => {
    // given
    const text = 'level,code\n2,01\n';

    // when
    const records = parseCsvRecords(text, ['code', 'level'] as const);

    // then
    expect(records).toEqual([{ code: '01', level: '2' }]);
  });

  it('given a missing column or a short row, when read, then it throws instead of yielding undefined', () => {
    expect(() => parseCsvRecords('a,b\n1,2\n', ['c'] as const)).toThrow('no column "c"');
    expect(() => parseCsvRecords('a,b\n1\n', ['a'] as const)).toThrow('row 2 has 1 fields');
  });
});
