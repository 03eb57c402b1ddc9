import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { retryOnLostConnection } from '../database/lost-connection';
import { EventLogEntry } from './event-log-entry.entity';

/** Reads streams back from the log, oldest first; each call works in its own identity map. */
@Injectable()
export class EventLogReader {
  constructor(private readonly em: EntityManager) {}

  /** A read, so a connection that died under it is simply read again on another. */
  readStream(streamId: string, until?: Date): Promise<EventLogEntry[]> {
    return retryOnLostConnection(() =>
      this.em.fork().find(
        EventLogEntry,
        until ? { streamId, occurredAt: { $lte: until } } : { streamId },
        { orderBy: { streamVersion: 'asc' } },
      ),
    );
  }
}
