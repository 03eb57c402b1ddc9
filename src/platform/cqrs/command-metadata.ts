import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../auth/request-context';
import type { EventMetadata } from '../event-log/event-log.types';

/**
 * Metadata for the events of one command: the request's correlation id, the command's own id as
 * causation, and the authenticated actor. Commands that follow from an event pass that event's id.
 */
export function commandMetadata(context: RequestContext, causationId: string = randomUUID()): EventMetadata {
  return { correlationId: context.correlationId, causationId, actor: context.principal.actor };
}
