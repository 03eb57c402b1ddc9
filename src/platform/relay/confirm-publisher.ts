import { Logger } from '@nestjs/common';
import { connect, type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import { withHeartbeat } from '../messaging/connection-name';

export interface OutgoingMessage {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly options: Options.Publish & { readonly messageId: string };
}

/** How the publisher's connection presents itself to the broker (both optional). */
export interface PublisherIdentity {
  /** Shown as the connection's name in RabbitMQ. */
  readonly connectionName?: string;
  /** AMQP heartbeat asked of the broker, in seconds; the broker's own default without one. */
  readonly heartbeatS?: number;
}

export class PublishFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishFailedError';
  }
}

/**
 * Publishes batches on a confirm channel of its own connection (publishers and consumers on
 * separate connections, so broker flow control on one never stalls the other). A batch settles
 * when the broker has confirmed every message: a nack, a returned (unroutable) message, a closed
 * channel or no confirm within the timeout fail it, and the caller republishes from its
 * checkpoint on a fresh connection. The connection is opened lazily and again after any failure.
 */
export class ConfirmPublisher {
  private channel: ConfirmChannel | null = null;
  private connection: ChannelModel | null = null;
  private opening: Promise<void> | null = null;
  private readonly returned = new Set<string>();
  private readonly logger = new Logger('ConfirmPublisher');

  constructor(
    private readonly url: string,
    private readonly confirmTimeoutMs: number,
    private readonly connectTimeoutMs: number,
    private readonly identity: PublisherIdentity = {},
  ) {}

  /** Opens the channel if needed; call before publish(). */
  async ready(): Promise<void> {
    if (this.channel) return;
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    await this.opening;
  }

  /**
   * Writes the whole batch to the channel synchronously, in order, and returns the promise of its
   * confirms. Batches published one after another on the same channel stay in that order.
   */
  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new PublishFailedError('the publisher channel is not open'));
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let outstanding = messages.length;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => {
        settle(new PublishFailedError(`no publisher confirm within ${this.confirmTimeoutMs} ms`));
        void this.close();
      }, this.confirmTimeoutMs);
      try {
        for (const message of messages) {
          channel.publish(message.exchange, message.routingKey, message.content, message.options, (error) => {
            if (error) return settle(new PublishFailedError(`broker refused ${message.options.messageId}: ${String(error)}`));
            // A return arrives before the confirm of the same message.
            if (this.returned.delete(message.options.messageId)) {
              return settle(new PublishFailedError(`unroutable: ${message.exchange} ${message.routingKey} (${message.options.messageId})`));
            }
            if (--outstanding === 0) settle();
          });
        }
      } catch (error) {
        // The channel closed under us: publish() throws instead of calling back.
        settle(new PublishFailedError(`publishing failed: ${String(error)}`));
      }
    });
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.channel = null;
    this.connection = null;
    this.returned.clear();
    await connection?.close().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const { connectionName, heartbeatS } = this.identity;
    const url = heartbeatS === undefined ? this.url : withHeartbeat(this.url, heartbeatS);
    const clientProperties = connectionName === undefined ? undefined : { connection_name: connectionName };
    const connection = await connect(url, { timeout: this.connectTimeoutMs, clientProperties });
    connection.on('error', (error: Error) => this.logger.warn(`publisher connection error: ${error.message}`));
    connection.on('close', () => this.forget(connection));
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error: Error) => this.logger.warn(`publisher channel error: ${error.message}`));
      channel.on('close', () => this.forget(connection));
      channel.on('return', (message) => this.returned.add(String(message.properties.messageId)));
      this.connection = connection;
      this.channel = channel;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  private forget(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.channel = null;
    this.connection = null;
    void connection.close().catch(() => undefined);
  }
}
