import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { LogCursor, Sql } from '../event-log/log-cursor';
import { watermarkEnvelope } from '../messaging/wire/projection-watermark';
import { publishOptions } from '../messaging/wire/message-headers';
import type { ConfirmPublisher, OutgoingMessage } from './confirm-publisher';
import { readCheckpoint } from './relay-checkpoint';

const MIN_INTERVAL_MS = 20;

/**
 * Puts a watermark behind everything the relay has published, in every consumed queue. The relay's
 * checkpoint C only moves after the broker confirmed every event up to C, so those events are in
 * their queues already; a watermark W(C) published afterwards, straight into each queue, sorts
 * behind them. A consumer that processes W has therefore applied every event up to C of its queue,
 * and checkpoints C. Published on demand (a query waiting for a position), not on a timer, so an
 * idle system sends nothing (docs/read-model.md). It lives with the relay, the one publisher of
 * messages to the broker, and publishes with the relay's confirm publisher.
 */
export class WatermarkPublisher implements OnApplicationShutdown {
  private inFlight: Promise<LogCursor | null> | null = null;
  private last: { cursor: LogCursor; at: number } | null = null;
  private readonly logger = new Logger('WatermarkPublisher');

  constructor(
    private readonly db: Sql,
    private readonly publisher: ConfirmPublisher,
    private readonly relayName: string,
    private readonly queues: readonly string[],
  ) {}

  /** Publishes W(relay checkpoint) unless the same one went out a moment ago; concurrent callers share one. */
  nudge(): Promise<LogCursor | null> {
    this.inFlight ??= this.publishOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  close(): Promise<void> {
    return this.publisher.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private async publishOnce(): Promise<LogCursor | null> {
    const cursor = await readCheckpoint(this.db, this.relayName);
    if (!cursor) return null;
    const { last } = this;
    if (last && last.cursor.transactionId === cursor.transactionId && last.cursor.position === cursor.position && Date.now() - last.at < MIN_INTERVAL_MS) {
      return cursor;
    }
    try {
      await this.publisher.ready();
      await this.publisher.publish(this.queues.map((queue) => watermarkMessage(queue, cursor)));
      this.last = { cursor, at: Date.now() };
      return cursor;
    } catch (error) {
      this.logger.warn(`could not publish watermarks: ${String(error)}`);
      await this.close();
      return null;
    }
  }
}

/** The default exchange routes by queue name: one copy per queue, behind what is already there. */
function watermarkMessage(queue: string, cursor: LogCursor): OutgoingMessage {
  const envelope = watermarkEnvelope(queue, cursor);
  return { exchange: '', routingKey: queue, content: Buffer.from(JSON.stringify(envelope)), options: { ...publishOptions(envelope), messageId: envelope.eventId } };
}
