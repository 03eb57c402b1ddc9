import { Logger } from '@nestjs/common';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { ENVELOPE_VERSION, type EventEnvelope } from '../../../platform/messaging/wire/event-envelope';
import { publishOptions } from '../../../platform/messaging/wire/message-headers';
import type { LogCursor } from '../../../platform/relay/relay-checkpoint';

/** The message type of a watermark; listed in the wire contract so consumers accept it. */
export const PROJECTION_WATERMARK = 'ProjectionWatermark';

export interface WatermarkData {
  readonly transactionId: string;
  readonly position: string;
}

const MIN_INTERVAL_MS = 20;

/**
 * Puts a watermark behind everything the relay has published, in every consumed queue. The relay's
 * checkpoint C only moves after the broker confirmed every event up to C, so those events are in
 * their queues already; a watermark W(C) published afterwards, straight into each queue, sorts
 * behind them. A consumer that processes W has therefore applied every event up to C of its queue,
 * and checkpoints C. Published on demand (a query waiting for a position), not on a timer, so an
 * idle system sends nothing and the relay needs no change (docs/read-model.md).
 */
export class WatermarkPublisher {
  private channel: Promise<ConfirmChannel> | null = null;
  private connection: ChannelModel | null = null;
  private inFlight: Promise<LogCursor | null> | null = null;
  private last: { cursor: LogCursor; at: number } | null = null;
  private readonly logger = new Logger('WatermarkPublisher');

  constructor(
    private readonly pool: Pool,
    private readonly rabbitmqUrl: string,
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

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.channel = null;
    await connection?.close().catch(() => undefined);
  }

  private async publishOnce(): Promise<LogCursor | null> {
    const cursor = await this.relayCheckpoint();
    if (!cursor) return null;
    const { last } = this;
    if (last && last.cursor.transactionId === cursor.transactionId && last.cursor.position === cursor.position && Date.now() - last.at < MIN_INTERVAL_MS) {
      return cursor;
    }
    try {
      const channel = await this.open();
      for (const queue of this.queues) {
        const envelope = watermarkEnvelope(queue, cursor);
        // The default exchange routes by queue name: one copy per queue, behind what is already there.
        channel.publish('', queue, Buffer.from(JSON.stringify(envelope)), publishOptions(envelope));
      }
      await channel.waitForConfirms();
      this.last = { cursor, at: Date.now() };
      return cursor;
    } catch (error) {
      this.logger.warn(`could not publish watermarks: ${String(error)}`);
      await this.close();
      return null;
    }
  }

  private async relayCheckpoint(): Promise<LogCursor | null> {
    const { rows } = await this.pool.query<LogCursor>({
      name: 'watermark-relay-checkpoint',
      text: `select transaction_id::text as "transactionId", position::text as "position" from relay_checkpoint where name = $1`,
      values: [this.relayName],
    });
    return rows[0] ?? null;
  }

  private open(): Promise<ConfirmChannel> {
    this.channel ??= (async () => {
      const connection = await connect(this.rabbitmqUrl);
      connection.on('error', () => undefined);
      connection.on('close', () => {
        if (this.connection === connection) void this.close();
      });
      this.connection = connection;
      return connection.createConfirmChannel();
    })();
    return this.channel;
  }
}

export function watermarkEnvelope(queue: string, cursor: LogCursor): EventEnvelope {
  return {
    envelopeVersion: ENVELOPE_VERSION,
    eventId: randomUUID(),
    type: PROJECTION_WATERMARK,
    schemaVersion: 1,
    // One key per queue: watermarks never share a parking key with events.
    streamId: `watermark:${queue}`,
    streamVersion: 1,
    position: cursor.position,
    occurredAt: new Date().toISOString(),
    correlationId: 'watermark',
    causationId: null,
    actor: 'read-model',
    data: { transactionId: cursor.transactionId, position: cursor.position } satisfies WatermarkData,
  };
}
