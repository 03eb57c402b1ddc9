import type { Principal } from './credentials';

/** What a GraphQL resolver knows about the request it serves. */
export interface RequestContext {
  readonly correlationId: string;
  readonly principal: Principal;
}
