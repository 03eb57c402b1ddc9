/**
 * What a request's log line keeps of it: an allow-list of headers, each value cut to a bounded
 * length, and of the credentials only which kind was presented. A log line must never carry a
 * secret, nor grow with whatever a client puts in its headers.
 */
const LOGGED_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'accept', 'origin', 'referer', 'x-correlation-id', 'x-forwarded-for'];
const MAX_VALUE_LENGTH = 200;
const MAX_URL_LENGTH = 500;

export interface LoggedRequest {
  readonly id: unknown;
  readonly method: unknown;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly credential: 'api-key' | 'bearer' | 'other-authorization' | 'none';
  readonly remoteAddress?: unknown;
}

interface SerializedRequest {
  readonly id?: unknown;
  readonly method?: unknown;
  readonly url?: unknown;
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  readonly remoteAddress?: unknown;
}

export function requestLogView(request: SerializedRequest): LoggedRequest {
  const headers = request.headers ?? {};
  const kept: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = bounded(Array.isArray(value) ? value.join(', ') : value, MAX_VALUE_LENGTH);
  }
  return {
    id: request.id,
    method: request.method,
    url: bounded(String(request.url ?? ''), MAX_URL_LENGTH),
    headers: kept,
    credential: credentialKind(headers),
    remoteAddress: request.remoteAddress,
  };
}

function credentialKind(headers: Readonly<Record<string, string | string[] | undefined>>): LoggedRequest['credential'] {
  if (headers['x-api-key'] !== undefined) return 'api-key';
  const authorization = headers.authorization;
  if (authorization === undefined) return 'none';
  return /^Bearer /i.test(String(authorization)) ? 'bearer' : 'other-authorization';
}

function bounded(value: string, length: number): string {
  return value.length <= length ? value : `${value.slice(0, length)}… (${value.length} characters)`;
}
