import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { backoffDelay } from '../concurrency/backoff';

/**
 * LISTEN on one channel on a dedicated connection, reconnecting with back-off when it is lost. A
 * notification sent while it reconnects is not replayed: `onListening` runs after every
 * (re)connect, for a listener that must then look for what it may have missed (the relay).
 */
export class ChannelListener {
  private client: Client | null = null;
  private started = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('ChannelListener');

  constructor(
    private readonly databaseUrl: string,
    private readonly applicationName: string,
    private readonly channel: string,
    private readonly onMessage: (payload: string | undefined) => void,
    private readonly onListening: () => void = () => undefined,
  ) {}

  /** Resolves once listening (or once the first attempt failed: it then keeps trying in the background). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.connect();
  }

  get listening(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: this.applicationName, keepAlive: true });
    let gone = false;
    const lost = (why: string) => {
      if (gone) return;
      gone = true;
      this.reconnectLater(client, why);
    };
    client.on('notification', (notification) => {
      if (notification.channel === this.channel) this.onMessage(notification.payload);
    });
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`listen ${quoteIdentifier(this.channel)}`);
    } catch (error) {
      lost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (gone) return;
    if (!this.started) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.onListening();
  }

  private reconnectLater(client: Client, why: string): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (!this.started) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, 250, 5000);
    this.logger.warn(`LISTEN ${this.channel} connection lost (${why}); reconnecting in ${delay} ms`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
  }
}

/** `"name"` with its quotes doubled: LISTEN takes an identifier, not a parameter. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
