import { SaxesParser, SaxesTagPlain } from 'saxes';
import { CustomsGatewayError, CustomsMalformedResponseError, CustomsServiceError } from '../customs-import.errors';

/** One `<item>` as the service wrote it: every value a string (`0101211000`, `2026.08`, `-16682858`). */
export interface CustomsRecord {
  readonly year: string;
  readonly hsCd: string;
  readonly statCd: string;
  readonly statCdCntnKor1: string;
  readonly statKor: string;
  readonly expDlr: string;
  readonly expWgt: string;
  readonly impDlr: string;
  readonly impWgt: string;
  readonly balPayments: string;
}

/** The grand total (`year` = 총계, the first item) comes apart from the rows: it is a checksum, not data. */
export type CustomsItem = { readonly kind: 'total'; readonly record: CustomsRecord } | { readonly kind: 'row'; readonly record: CustomsRecord };

export const GRAND_TOTAL_YEAR = '총계';
const FIELDS: readonly (keyof CustomsRecord)[] = ['year', 'hsCd', 'statCd', 'statCdCntnKor1', 'statKor', 'expDlr', 'expWgt', 'impDlr', 'impWgt', 'balPayments'];
const ROOTS = ['response', 'OpenAPI_ServiceResponse'];

/**
 * A push parser over chunks of one response body: `write` returns the items completed so far, so a
 * month of 200,000 rows never sits in memory as one document. Service errors and the gateway
 * envelope throw their typed errors; anything not well-formed, or cut short, throws Malformed.
 */
export class CustomsResponseParser {
  private readonly sax = new SaxesParser();
  private readonly path: string[] = [];
  private readonly header = new Map<string, string>();
  private item: Map<string, string> | undefined;
  private text = '';
  private ready: CustomsItem[] = [];
  private totals = 0;
  private headerSeen = false;

  constructor() {
    this.sax.on('opentag', (tag: SaxesTagPlain) => this.open(tag.name));
    this.sax.on('closetag', (tag: SaxesTagPlain) => this.close(tag.name));
    this.sax.on('text', (text) => (this.text += text));
    this.sax.on('cdata', (text) => (this.text += text));
    this.sax.on('error', (error) => {
      throw new CustomsMalformedResponseError(error.message);
    });
  }

  write(chunk: string): CustomsItem[] {
    this.sax.write(chunk);
    return this.take();
  }

  /** The end of the body: a document cut short fails here. */
  end(): CustomsItem[] {
    this.sax.close();
    if (!this.headerSeen) throw new CustomsMalformedResponseError('no <header> with a resultCode');
    return this.take();
  }

  private take(): CustomsItem[] {
    const items = this.ready;
    this.ready = [];
    return items;
  }

  private open(name: string): void {
    if (this.path.length === 0 && !ROOTS.includes(name)) throw new CustomsMalformedResponseError(`unexpected root element <${name}>`);
    this.path.push(name);
    this.text = '';
    if (name === 'item' && this.parent(1) === 'items') this.item = new Map();
  }

  private close(name: string): void {
    this.path.pop();
    const parent = this.parent(0);
    if (this.item !== undefined && parent === 'item') this.item.set(name, this.text);
    else if (parent === 'header' || parent === 'cmmMsgHeader') this.header.set(name, this.text);
    else if (name === 'item' && this.item !== undefined) this.finishItem(this.item);
    else if (name === 'header') this.finishHeader();
    else if (name === 'OpenAPI_ServiceResponse' || name === 'cmmMsgHeader') this.finishGateway();
    this.text = '';
  }

  private parent(depth: number): string | undefined {
    return this.path[this.path.length - 1 - depth];
  }

  private finishHeader(): void {
    const resultCode = this.header.get('resultCode');
    if (resultCode === undefined) throw new CustomsMalformedResponseError('<header> without a resultCode');
    if (resultCode.trim() !== '00') throw new CustomsServiceError(resultCode.trim(), this.header.get('resultMsg')?.trim() ?? '');
    this.headerSeen = true;
  }

  private finishGateway(): never {
    const reason = this.header.get('returnReasonCode')?.trim();
    if (reason === undefined) throw new CustomsMalformedResponseError('gateway envelope without a returnReasonCode');
    throw new CustomsGatewayError(reason, this.header.get('returnAuthMsg')?.trim() ?? '');
  }

  private finishItem(fields: Map<string, string>): void {
    this.item = undefined;
    if (!this.headerSeen) throw new CustomsMalformedResponseError('<item> before the <header>');
    const missing = FIELDS.filter((field) => !fields.has(field));
    if (missing.length > 0) throw new CustomsMalformedResponseError(`<item> without ${missing.join(', ')}`);
    const record = toRecord(fields);
    if (record.year !== GRAND_TOTAL_YEAR) {
      this.ready.push({ kind: 'row', record });
      return;
    }
    this.totals += 1;
    if (this.totals > 1) throw new CustomsMalformedResponseError('more than one grand-total item');
    this.ready.push({ kind: 'total', record });
  }
}

function toRecord(fields: ReadonlyMap<string, string>): CustomsRecord {
  const get = (field: keyof CustomsRecord): string => fields.get(field) ?? '';
  return Object.freeze({
    year: get('year'),
    hsCd: get('hsCd'),
    statCd: get('statCd'),
    statCdCntnKor1: get('statCdCntnKor1'),
    statKor: get('statKor'),
    expDlr: get('expDlr'),
    expWgt: get('expWgt'),
    impDlr: get('impDlr'),
    impWgt: get('impWgt'),
    balPayments: get('balPayments'),
  });
}

/** Parses a body as it arrives (UTF-8 bytes, split anywhere, even inside a Hangul character). */
export async function* parseCustomsResponse(body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<CustomsItem> {
  const parser = new CustomsResponseParser();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of body) {
    yield* parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* parser.write(decoder.decode());
  yield* parser.end();
}
