import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { EVENT_LOG_CHANNEL } from '../event-log/log-doorbell';
import { backoffDelay } from '../concurrency/backoff';

/**
 * LISTEN on the event log's channel on a dedicated connection, reconnecting with back-off when
 * it is lost. Notifications only make the relay look sooner: a notification missed while
 * reconnecting is covered by one wake-up after every (re)connect and by the relay's polling.
 */
export class LogListener {
  private client: Client | null = null;
  private started = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('LogListener');

  constructor(
    private readonly databaseUrl: string,
    private readonly applicationName: string,
    private readonly onNotify: () => void,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
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
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`listen ${EVENT_LOG_CHANNEL}`);
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
    this.onNotify();
  }

  private reconnectLater(client: Client, why: string): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (!this.started) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, 250, 5000);
    this.logger.warn(`LISTEN ${EVENT_LOG_CHANNEL} connection lost (${why}); reconnecting in ${delay} ms`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
  }
}
