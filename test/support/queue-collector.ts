import { connect, type Channel, type ChannelModel } from 'amqplib';

export interface Received {
  readonly queue: string;
  readonly messageId: string;
  readonly streamId: string;
  readonly streamVersion: number;
}

/** Drains queues with plain amqplib, acknowledging everything: what the relay put on the wire. */
export class QueueCollector {
  readonly received: Received[] = [];
  private connection: ChannelModel | null = null;
  private channel: Channel | null = null;

  async start(url: string, queues: readonly string[]): Promise<void> {
    this.connection = await connect(url);
    this.connection.on('error', () => undefined);
    this.channel = await this.connection.createChannel();
    await this.channel.prefetch(2000);
    for (const queue of queues) {
      await this.channel.consume(queue, (message) => {
        if (!message) return;
        const headers = message.properties.headers ?? {};
        this.received.push({
          queue,
          messageId: String(message.properties.messageId),
          streamId: String(headers['stream-id']),
          streamVersion: Number(headers['stream-version']),
        });
        this.channel?.ack(message);
      });
    }
  }

  async stop(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
  }
}
