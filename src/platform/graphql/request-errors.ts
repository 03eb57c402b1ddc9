import { GraphQLError } from 'graphql';

/**
 * The codes of failures that happen before any resolver runs: the request itself (HTTP method,
 * media type, size, JSON) or the GraphQL document (syntax, validation, limits). With the domain's
 * categories (kernel/domain-error.ts) they are every `extensions.code` a client can see, and only
 * `INTERNAL` is left for the unexpected.
 */
const REQUEST_ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_DEEP: 400,
  TOO_MANY_ALIASES: 400,
  DOCUMENT_TOO_LARGE: 400,
  QUERY_TOO_COMPLEX: 400,
} as const;

export type RequestErrorCode = keyof typeof REQUEST_ERROR_CODES;

/** A refusal of the request as a whole; `statusCode` is what the HTTP answer carries. */
export function requestError(code: RequestErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/** The HTTP status of a request refused with `code`, when it is one of ours. */
export function requestStatus(code: unknown): number | undefined {
  return isRequestErrorCode(code) ? REQUEST_ERROR_CODES[code] : undefined;
}

function isRequestErrorCode(code: unknown): code is RequestErrorCode {
  return typeof code === 'string' && Object.hasOwn(REQUEST_ERROR_CODES, code);
}

/** Fastify's and Mercurius' own refusals, by their error codes. */
const TRANSPORT_CODES: Readonly<Record<string, RequestErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'BAD_REQUEST',
  MER_ERR_METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  MER_ERR_GQL_VALIDATION: 'BAD_REQUEST',
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: 'BAD_REQUEST',
  MER_ERR_GQL_CSRF_PREVENTION: 'BAD_REQUEST',
};

interface TransportFailure {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message: string;
  readonly errors?: unknown;
}

/**
 * The typed refusal for an error the HTTP layer raised, or null when it is not one. Their messages
 * are the frameworks' own fixed texts (they never echo the body), so they may reach the client; a
 * 4xx without a known code still is the client's fault, and is a BAD_REQUEST rather than INTERNAL.
 */
export function transportRefusal(error: TransportFailure): { error: GraphQLError; statusCode: number } | null {
  const statusCode = typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const known = typeof error.code === 'string' ? TRANSPORT_CODES[error.code] : undefined;
  if (!known && (statusCode === undefined || statusCode < 400 || statusCode >= 500)) return null;
  if (error instanceof SyntaxError) return refusal('BAD_REQUEST', 'the request body is not valid JSON');
  const code = known ?? 'BAD_REQUEST';
  const nested = Array.isArray(error.errors) && error.errors[0] instanceof Error ? `: ${error.errors[0].message}` : '';
  return refusal(code, `${error.message}${nested}`, statusCode);
}

function refusal(code: RequestErrorCode, message: string, statusCode?: number): { error: GraphQLError; statusCode: number } {
  return { error: requestError(code, message), statusCode: statusCode ?? REQUEST_ERROR_CODES[code] };
}

/** The code of an error graphql-js or Mercurius raised about the document itself. */
export function documentErrorCode(error: GraphQLError): RequestErrorCode {
  const { message } = error;
  if (/query depth limit/i.test(message)) return 'QUERY_TOO_DEEP';
  if (/aliases limit/i.test(message)) return 'TOO_MANY_ALIASES';
  if (/Document contains more tha[nt] \d+ tokens/.test(message)) return 'DOCUMENT_TOO_LARGE';
  if (message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  return 'GRAPHQL_VALIDATION_FAILED';
}
