/**
 * RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes. Written here
 * because the project has no CSV dependency and the reference files need nothing more.
 */
export function parseCsv(text: string): string[][] {
  // sections.csv from the upstream dataset starts with a UTF-8 BOM; left in, it would become
  // part of the first header name.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;

  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };

  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r' && input[i + 1] === '\n') {
      endRow();
      i += 1;
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  // A final line break does not start another row; a last line without one still counts.
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Rows as records keyed by the header row; fails on a missing column rather than yielding undefined. */
export function parseCsvRecords<K extends string>(text: string, columns: readonly K[]): Record<K, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('CSV has no header row');
  const index = columns.map((column) => {
    const at = header.indexOf(column);
    if (at < 0) throw new Error(`CSV has no column "${column}" (header: ${header.join(',')})`);
    return at;
  });
  return rows.map((cells, line) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV row ${line + 2} has ${cells.length} fields, header has ${header.length}`);
    }
    const record = {} as Record<K, string>;
    columns.forEach((column, c) => (record[column] = cells[index[c]!]!));
    return record;
  });
}
