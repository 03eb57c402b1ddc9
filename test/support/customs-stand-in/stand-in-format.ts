import { StandInRow } from './stand-in-data';

// The service's bytes, as CUSTOMS-API.md records them: children in alphabetical order, `YYYY.MM`,
// a grand-total first item whose text fields are `-`, XML only.

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const SUCCESS_HEAD = `${XML_DECLARATION}<response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items>\n`;
export const SUCCESS_TAIL = '</items></body></response>';
export const EMPTY_SUCCESS = `${XML_DECLARATION}<response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items/></body></response>`;
export const RANGE_ERROR =
  '<response><header><resultCode>99</resultCode><resultMsg>시작과 종료의 조회기간은 1년이내 기간만 가능합니다.</resultMsg></header><body/></response>';
export const FORBIDDEN_TEXT = 'SERVICE_KEY_IS_NOT_REGISTERED_ERROR';

/** The portal's common table of returnAuthMsg per returnReasonCode. */
const AUTH_MESSAGES: Readonly<Record<number, string>> = {
  1: 'APPLICATION_ERROR',
  2: 'DB_ERROR',
  3: 'NODATA_ERROR',
  4: 'HTTP_ERROR',
  5: 'SERVICETIMEOUT_ERROR',
  10: 'INVALID_REQUEST_PARAMETER_ERROR',
  11: 'NO_MANDATORY_REQUEST_PARAMETERS_ERROR',
  12: 'NO_OPENAPI_SERVICE_ERROR',
  20: 'SERVICE_ACCESS_DENIED_ERROR',
  21: 'TEMPORARILY_DISABLE_THE_SERVICEKEY_ERROR',
  22: 'LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR',
  30: 'SERVICE_KEY_IS_NOT_REGISTERED_ERROR',
  31: 'DEADLINE_HAS_EXPIRED_ERROR',
  32: 'UNREGISTERED_IP_ERROR',
  33: 'UNSIGNED_CALL_ERROR',
  99: 'UNKNOWN_ERROR',
};

export function gatewayEnvelope(reasonCode: number): string {
  const auth = AUTH_MESSAGES[reasonCode] ?? AUTH_MESSAGES[99];
  return `<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>${auth}</returnAuthMsg><returnReasonCode>${reasonCode}</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>`;
}

export interface Totals {
  expDlr: number;
  expWgt: number;
  impDlr: number;
  impWgt: number;
}

export function emptyTotals(): Totals {
  return { expDlr: 0, expWgt: 0, impDlr: 0, impWgt: 0 };
}

export function addTo(totals: Totals, row: StandInRow): void {
  totals.expDlr += row.expDlr;
  totals.expWgt += row.expWgt;
  totals.impDlr += row.impDlr;
  totals.impWgt += row.impWgt;
}

export function totalItem(t: Totals): string {
  return item({ balPayments: t.expDlr - t.impDlr, ...t, hsCd: '-', statCd: '-', statCdCntnKor1: '-', statKor: '-', year: '총계' });
}

export function rowItem(row: StandInRow): string {
  const year = `${row.month.slice(0, 4)}.${row.month.slice(4)}`;
  return item({ ...row, balPayments: row.expDlr - row.impDlr, year });
}

type ItemFields = Totals & { balPayments: number; hsCd: string; statCd: string; statCdCntnKor1: string; statKor: string; year: string };

function item(f: ItemFields): string {
  return (
    `<item><balPayments>${f.balPayments}</balPayments><expDlr>${f.expDlr}</expDlr><expWgt>${f.expWgt}</expWgt>` +
    `<hsCd>${f.hsCd}</hsCd><impDlr>${f.impDlr}</impDlr><impWgt>${f.impWgt}</impWgt><statCd>${f.statCd}</statCd>` +
    `<statCdCntnKor1>${f.statCdCntnKor1}</statCdCntnKor1><statKor>${f.statKor}</statKor><year>${f.year}</year></item>\n`
  );
}

/** `YYYYMM` months from the first to the last, both included; empty when the range runs backwards. */
export function monthsBetween(fromYear: number, fromMonth: number, toYear: number, toMonth: number): string[] {
  const months: string[] = [];
  for (let ordinal = fromYear * 12 + fromMonth - 1; ordinal <= toYear * 12 + toMonth - 1; ordinal += 1) {
    months.push(`${Math.floor(ordinal / 12)}${String((ordinal % 12) + 1).padStart(2, '0')}`);
    if (months.length > 12) break;
  }
  return months;
}
