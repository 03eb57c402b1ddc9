import { CustomsGatewayError, CustomsMalformedResponseError, CustomsServiceError } from '../customs-import.errors';
import { CustomsItem, CustomsResponseParser, parseCustomsResponse } from './customs-response.parser';

// Copied from CUSTOMS-API.md: the service's own bytes, not a serialisation of ours.
const SUCCESS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items>
<item><balPayments>-16682858</balPayments><expDlr>50463</expDlr><expWgt>539</expWgt><hsCd>-</hsCd><impDlr>16733321</impDlr><impWgt>191224</impWgt><statCd>-</statCd><statCdCntnKor1>-</statCdCntnKor1><statKor>-</statKor><year>총계</year></item>
<item><balPayments>-16682858</balPayments><expDlr>50463</expDlr><expWgt>539</expWgt><hsCd>8518309000</hsCd><impDlr>16733321</impDlr><impWgt>191224</impWgt><statCd>CN</statCd><statCdCntnKor1>중국</statCdCntnKor1><statKor>기타</statKor><year>2026.08</year></item>
</items></body></response>`;
const RANGE_ERROR =
  '<response><header><resultCode>99</resultCode><resultMsg>시작과 종료의 조회기간은 1년이내 기간만 가능합니다.</resultMsg></header><body/></response>';
const QUOTA =
  '<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR</returnAuthMsg><returnReasonCode>22</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>';
const EMPTY = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items/></body></response>';

function parseWhole(xml: string): CustomsItem[] {
  const parser = new CustomsResponseParser();
  return [...parser.write(xml), ...parser.end()];
}

async function parseInChunks(bytes: Uint8Array, size: number): Promise<CustomsItem[]> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const items: CustomsItem[] = [];
  for await (const item of parseCustomsResponse(chunks())) items.push(item);
  return items;
}

describe('CustomsResponseParser', () => {
  it('given the documented success, when parsed, then the grand total comes apart and every value stays a string', () => {
    const [total, row, ...rest] = parseWhole(SUCCESS);

    expect(rest).toEqual([]);
    expect(total).toEqual({
      kind: 'total',
      record: { balPayments: '-16682858', expDlr: '50463', expWgt: '539', hsCd: '-', impDlr: '16733321', impWgt: '191224', statCd: '-', statCdCntnKor1: '-', statKor: '-', year: '총계' },
    });
    expect(row).toEqual({
      kind: 'row',
      record: { balPayments: '-16682858', expDlr: '50463', expWgt: '539', hsCd: '8518309000', impDlr: '16733321', impWgt: '191224', statCd: 'CN', statCdCntnKor1: '중국', statKor: '기타', year: '2026.08' },
    });
  });

  it('given an HS code with a leading zero, when parsed, then it keeps every digit', () => {
    const items = parseWhole(SUCCESS.replace('8518309000', '0101211000'));

    expect(items[1].record.hsCd).toBe('0101211000');
  });

  it('given the body in 7-byte pieces that cut Hangul characters, when streamed, then the items are the same', async () => {
    const bytes = new TextEncoder().encode(SUCCESS);

    await expect(parseInChunks(bytes, 7)).resolves.toEqual(parseWhole(SUCCESS));
    await expect(parseInChunks(bytes, 1)).resolves.toEqual(parseWhole(SUCCESS));
  });

  it('given no result, when parsed, then there is no item at all', () => {
    expect(parseWhole(EMPTY)).toEqual([]);
  });

  it('given the one-year range refusal, when parsed, then a permanent service error with its message', () => {
    const error = catchError(() => parseWhole(RANGE_ERROR));

    expect(error).toBeInstanceOf(CustomsServiceError);
    expect(error).toMatchObject({ resultCode: '99', resultMessage: '시작과 종료의 조회기간은 1년이내 기간만 가능합니다.', transient: false });
  });

  it('given another service-level 99, when parsed, then it is transient', () => {
    expect(catchError(() => parseWhole(RANGE_ERROR.replace(/<resultMsg>.*<\/resultMsg>/, '<resultMsg>오류</resultMsg>')))).toMatchObject({ transient: true });
  });

  it.each([
    ['22', false],
    ['30', false],
    ['5', true],
    ['1', true],
  ])('given the gateway envelope with reason %s, when parsed, then a gateway error (transient: %s)', (reason, transient) => {
    const error = catchError(() => parseWhole(QUOTA.replace('>22<', `>${reason}<`)));

    expect(error).toBeInstanceOf(CustomsGatewayError);
    expect(error).toMatchObject({ reasonCode: reason, transient });
  });

  it.each([
    ['truncated mid-item', SUCCESS.slice(0, SUCCESS.indexOf('<statCd>CN'))],
    ['truncated before the root closes', SUCCESS.replace('</response>', '')],
    ['not XML', 'SERVICE_KEY_IS_NOT_REGISTERED_ERROR'],
    ['an empty body', ''],
    ['a mismatched tag', SUCCESS.replace('</hsCd><impDlr>16733321', '</hsCode><impDlr>16733321')],
    ['another root', '<html><body>502 Bad Gateway</body></html>'],
    ['an item missing a field', SUCCESS.replace('<statCd>CN</statCd>', '')],
    ['two grand totals', SUCCESS.replace('<year>2026.08</year>', '<year>총계</year>')],
    ['no header', '<response><body><items/></body></response>'],
  ])('given %s, when parsed, then a malformed-response error', (_, xml) => {
    expect(catchError(() => parseWhole(xml))).toBeInstanceOf(CustomsMalformedResponseError);
  });

  it('given a truncated body streamed in pieces, when parsed, then the items before the cut arrive and then it fails', async () => {
    const cut = new TextEncoder().encode(SUCCESS.slice(0, SUCCESS.lastIndexOf('<item>') + 20));
    const seen: CustomsItem[] = [];
    const run = async (): Promise<void> => {
      for await (const item of parseCustomsResponse([cut])) seen.push(item);
    };

    await expect(run()).rejects.toBeInstanceOf(CustomsMalformedResponseError);
    expect(seen.map((item) => item.kind)).toEqual(['total']);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
