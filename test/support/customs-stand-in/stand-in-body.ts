import { ServerResponse } from 'node:http';
import { StandInRow } from './stand-in-data';
import { addTo, EMPTY_SUCCESS, emptyTotals, rowItem, SUCCESS_HEAD, SUCCESS_TAIL, totalItem } from './stand-in-format';
import { malform, StandInFault, UNKNOWN_PARTNER_CODE } from './stand-in-faults';

const XML = 'application/xml;charset=UTF-8';
const ITEMS_PER_WRITE = 500;

/** A success body: the grand total first, then the rows, with a body-level fault applied if any. */
export async function renderBody(res: ServerResponse, source: () => Iterable<StandInRow>, fault: StandInFault | undefined): Promise<void> {
  const rows = fault?.kind === 'unknown-partner' ? () => renamed(source(), 'CN', UNKNOWN_PARTNER_CODE) : source;
  const totals = emptyTotals();
  let count = 0;
  for (const row of rows()) {
    addTo(totals, row);
    count += 1;
  }
  if (count === 0) {
    res.writeHead(200, { 'content-type': XML });
    res.end(EMPTY_SUCCESS);
    return;
  }
  if (fault?.kind === 'wrong-total') {
    totals.expDlr += 1_000;
    totals.expWgt += 7;
  }
  const pieces = chunks(totals, rows);
  if (fault?.kind === 'truncated' || fault?.kind === 'malformed') {
    const whole = [...pieces].join('');
    const bytes = Buffer.from(fault.kind === 'malformed' ? malform(whole) : whole);
    // Cut, but an HTTP response that ends cleanly: only the XML is short, as when a proxy gives up.
    const body = fault.kind === 'truncated' ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
    res.writeHead(200, { 'content-type': XML, 'content-length': body.length });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'content-type': XML });
  if (fault?.kind === 'slow') {
    await writeSlowly(res, [...pieces].join(''), fault.chunkDelayMs ?? 200);
  } else {
    for (const piece of pieces) if (!res.write(piece)) await drained(res);
  }
  res.end();
}

function* chunks(totals: ReturnType<typeof emptyTotals>, rows: () => Iterable<StandInRow>): Generator<string> {
  let batch = SUCCESS_HEAD + totalItem(totals);
  let inBatch = 0;
  for (const row of rows()) {
    batch += rowItem(row);
    inBatch += 1;
    if (inBatch === ITEMS_PER_WRITE) {
      yield batch;
      batch = '';
      inBatch = 0;
    }
  }
  yield batch + SUCCESS_TAIL;
}

function* renamed(rows: Iterable<StandInRow>, from: string, to: string): Generator<StandInRow> {
  for (const row of rows) yield row.statCd === from ? { ...row, statCd: to } : row;
}

/** Sixty-four bytes at a time with a pause between: a body that trickles past a client's timeout. */
async function writeSlowly(res: ServerResponse, body: string, delayMs: number): Promise<void> {
  const bytes = Buffer.from(body);
  for (let at = 0; at < bytes.length && !res.destroyed; at += 64) {
    res.write(bytes.subarray(at, at + 64));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
