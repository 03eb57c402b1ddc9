import { GraphQLError, Kind, parse, specifiedRules, validate, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { DomainError } from '../../kernel/domain-error';
import { UnauthorizedError } from '../auth/auth.errors';
import type { Authenticator } from '../auth/authenticator';
import type { Role } from '../auth/credentials';
import type { RequestContext } from '../auth/request-context';
import { rejectComplexQueries } from './complexity.rule';
import { requireDocument } from './execution-guards';
import { parseLimits, validationLimits } from './graphql-limits';
import { documentErrorCode, requestError } from './request-errors';
import { assertSafeText } from './text-inputs';

type SubscriptionContext = MercuriusContext & Partial<RequestContext>;

/** What a subscription resolver's context holds: the connection's principal and its upgrade request. */
export type SubscriberContext = Partial<RequestContext> & { readonly request?: object };
type Headers = Record<string, string>;

/**
 * A WebSocket's `connection_init` payload carries the credentials a request would send as headers:
 * `{ "x-api-key": "..." }` or `{ "authorization": "Bearer ..." }` (or the same under `headers`).
 * The connection is refused when they grant no role: a wrong credential, or none while reads are
 * not public. What it may do is then decided per subscription, as for a request.
 */
export function subscriptionConnectionAuth(authenticator: Authenticator) {
  return async (message: { payload?: unknown }): Promise<RequestContext | false> => {
    const principal = await authenticator.authenticate(credentialHeaders(message.payload));
    if (principal.roles.size === 0) return false;
    return { principal, correlationId: randomUUID() };
  };
}

/**
 * Mercurius answers a refused `connection_init` with `connection_error`, a message of the legacy
 * protocol only; a graphql-transport-ws client reads it as a broken server. That protocol refuses
 * a connection by closing it with 4403 Forbidden, so this socket does so instead (given as
 * Mercurius' subscription `context`, which it calls for each connection_init, before onConnect).
 */
export function closeRefusedConnections(socket: RefusableSocket): Record<string, never> {
  if (socket.protocol !== 'graphql-transport-ws') return {};
  const send = socket.send.bind(socket);
  socket.send = (data: unknown, ...rest: unknown[]) => {
    if (typeof data === 'string' && data.startsWith('{"type":"connection_error"')) {
      socket.close(4403, 'Forbidden');
      const callback = rest.find((item): item is () => void => typeof item === 'function');
      callback?.();
      return;
    }
    return send(data, ...rest);
  };
  return {};
}

interface RefusableSocket {
  readonly protocol: string;
  send(data: unknown, ...rest: unknown[]): void;
  close(code: number, reason: string): void;
}

function credentialHeaders(payload: unknown): Headers {
  const record = isRecord(payload) && isRecord(payload.headers) ? payload.headers : payload;
  if (!isRecord(record)) return {};
  const headers: Headers = {};
  for (const [name, value] of Object.entries(record)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Mercurius parses and runs a subscription without the request path's limits, so they are applied
 * here, as hooks: the token limit (preSubscriptionParsing), then the document's validity, depth,
 * aliases, introspection and the reader role (preSubscriptionExecution). Complexity needs the
 * variables, which those hooks do not see: each subscription resolver checks it (guardSubscription).
 */
export function subscriptionHooks(config: AppConfig) {
  const rules = [...specifiedRules, ...validationLimits(config)];
  return {
    preSubscriptionParsing: (_schema: GraphQLSchema, source: string): void => {
      try {
        parse(source, parseLimits(config));
      } catch (error) {
        throw error instanceof GraphQLError ? coded(error) : error;
      }
    },
    preSubscriptionExecution: (schema: GraphQLSchema, document: DocumentNode, context: SubscriptionContext): void => {
      requireDocument(schema, document);
      if (!context.principal?.roles.has('reader')) {
        throw requestError('UNAUTHORIZED', 'a reader or operator credential is required', { requiredRole: 'reader' });
      }
      // The depth rule throws its error rather than reporting it.
      let first: GraphQLError | undefined;
      try {
        [first] = validate(schema, document, rules);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        first = error;
      }
      if (first) throw coded(first);
    },
  };
}

/**
 * Starts a subscription after its role is checked (as RequireRole does for a query) and the checks
 * that need its variables (complexity, unsafe text). An expected failure reaches the client with
 * its code, as the error formatter gives it to requests: Mercurius sends a subscription's errors
 * without the formatter, which is also why this, not the roles guard, checks the role.
 */
export function guardSubscription<T>(info: GraphQLResolveInfo, context: Partial<RequestContext>, role: Role, subscribe: () => T): T {
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
  try {
    if (!context.principal?.roles.has(role)) throw new UnauthorizedError(role);
    assertSafeText(document, info.variableValues);
    rejectComplexQueries(info.schema, document, info.variableValues);
    return subscribe();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new GraphQLError(error.message, { extensions: { code: error.category, errorCode: error.code, ...error.details } });
    }
    throw error;
  }
}

function coded(error: GraphQLError): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: documentErrorCode(error) },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a connection's subscriptions have in common (the WebSocket's upgrade request): the cap counts by it. */
export function subscriberConnection(context: SubscriberContext): object {
  return context.request ?? context;
}
