import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { FaultSchedule, ScheduledFault, StandInFault } from './stand-in-faults';
import { StandInData, StandInDataOptions } from './stand-in-data';
import { FORBIDDEN_TEXT, gatewayEnvelope, monthsBetween, RANGE_ERROR } from './stand-in-format';
import { renderBody } from './stand-in-body';
import { handleControl } from './stand-in-control';

export const CUSTOMS_PATH = '/1220000/nitemtrade/getNitemtradeList';
const XML = 'application/xml;charset=UTF-8';
const YYYYMM = /^(\d{4})(0[1-9]|1[0-2])$/;

export interface CustomsStandInOptions extends StandInDataOptions {
  readonly port?: number;
  readonly host?: string;
  /** The one key accepted; when unset, any non-empty key is. Anything else gets reason 30. */
  readonly serviceKey?: string;
  /** Calls allowed before reason 22 (counts every call to the service path); unset means no quota. */
  readonly dailyQuota?: number;
  readonly faults?: readonly ScheduledFault[];
}

/** What the customs service would see: handy for asserting what a client sent. */
export interface StandInCall {
  readonly serviceKey: string | null;
  readonly strtYymm: string | null;
  readonly endYymm: string | null;
  readonly hsSgn: string | null;
}

/** The mutable state behind one stand-in, shared by the HTTP handlers and the control API. */
export class StandInState {
  readonly faults = new FaultSchedule();
  readonly calls: StandInCall[] = [];
  dailyQuota: number | undefined;
  private data: StandInData;
  private republishedFlag: boolean;

  constructor(private readonly options: CustomsStandInOptions) {
    this.dailyQuota = options.dailyQuota;
    this.republishedFlag = options.republished ?? false;
    this.data = new StandInData(options);
    for (const fault of options.faults ?? []) this.faults.add(fault);
  }

  get republished(): boolean {
    return this.republishedFlag;
  }

  set republished(on: boolean) {
    if (on === this.republishedFlag) return;
    this.republishedFlag = on;
    this.data = new StandInData({ ...this.options, republished: on });
  }

  get source(): StandInData {
    return this.data;
  }

  acceptsKey(key: string | null): boolean {
    return this.options.serviceKey === undefined ? Boolean(key) : key === this.options.serviceKey;
  }
}

export interface CustomsStandIn {
  readonly url: string;
  readonly port: number;
  readonly state: StandInState;
  inject(fault: ScheduledFault): void;
  close(): Promise<void>;
}

/** Starts the stand-in; `port: 0` picks a free port (tests), `url` is the base the client is given. */
export async function startCustomsStandIn(options: CustomsStandInOptions = {}): Promise<CustomsStandIn> {
  const state = new StandInState(options);
  const server: Server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      console.error('customs stand-in failed a request', error);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    state,
    inject: (fault) => state.faults.add(fault),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(state: StandInState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  if (url.pathname.startsWith('/control/')) return handleControl(state, url.pathname, req, res);
  if (url.pathname !== CUSTOMS_PATH) return send(res, 200, XML, gatewayEnvelope(12));
  const query = (name: string): string | null => url.searchParams.get(name);
  const call: StandInCall = { serviceKey: query('serviceKey'), strtYymm: query('strtYymm'), endYymm: query('endYymm'), hsSgn: query('hsSgn') };
  state.calls.push(call);
  if (state.dailyQuota !== undefined && state.calls.length > state.dailyQuota) return send(res, 200, XML, gatewayEnvelope(22));
  if (!state.acceptsKey(call.serviceKey)) return send(res, 200, XML, gatewayEnvelope(30));
  const fault = state.faults.take(call.hsSgn ?? '');
  if (fault !== undefined && (await refuse(fault, res))) return;
  if (call.strtYymm === null || call.endYymm === null || call.hsSgn === null) return send(res, 200, XML, gatewayEnvelope(11));
  const first = YYYYMM.exec(call.strtYymm);
  const last = YYYYMM.exec(call.endYymm);
  if (first === null || last === null || !/^\d{2,10}$/.test(call.hsSgn)) return send(res, 200, XML, gatewayEnvelope(10));
  const months = monthsBetween(Number(first[1]), Number(first[2]), Number(last[1]), Number(last[2]));
  if (months.length === 0 || months.length > 12) return send(res, 200, XML, RANGE_ERROR);
  const source = state.source;
  const prefix = call.hsSgn;
  // A factory, not an array: a month of 200,000 rows is generated twice (totals, then body) rather than held.
  await renderBody(res, function* rows() {
    for (const month of months) yield* source.rows(month, prefix);
  }, fault);
}

/** The faults that replace the answer; true when the response was handled. */
async function refuse(fault: StandInFault, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'http-error': {
      const status = fault.status ?? 503;
      send(res, status, 'text/html', `<html><body><h1>${status} Service Unavailable</h1></body></html>`);
      return true;
    }
    case 'gateway':
      send(res, 200, XML, gatewayEnvelope(fault.reasonCode));
      return true;
    case 'forbidden':
      send(res, 403, 'text/plain', FORBIDDEN_TEXT);
      return true;
    case 'hang':
      return true; // never answers; close() or the client's timeout ends the socket
    case 'reset':
      res.socket?.destroy();
      return true;
    default:
      return false;
  }
}

export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
