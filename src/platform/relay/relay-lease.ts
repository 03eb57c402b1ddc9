import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Client, type QueryConfig, type QueryResultRow } from 'pg';
import type { Sql } from '../event-log/log-cursor';
import { ACQUIRE_SQL, HEARTBEAT_SQL, leaseLockKeys, TAKE_OVER_STALE_SQL } from './relay-lease.sql';

export interface LeaseSettings {
  readonly name: string;
  readonly databaseUrl: string;
  readonly leaseTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export class LeaseLostError extends Error {
  constructor(name: string, why: string) {
    super(`relay "${name}" lost its lease: ${why}`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Exactly one active relay per name, across instances: whoever holds the advisory lock on its
 * own dedicated connection. The relay does all its database work (reading the log, moving the
 * checkpoint) on that connection, so losing the connection is losing the lease, and a session
 * that was taken over cannot write anything any more.
 */
export class RelayLease {
  readonly ownerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private client: Client | null = null;
  private held = false;
  private last: Promise<unknown> = Promise.resolve();
  private readonly keys: readonly [number, number];
  private readonly logger = new Logger('RelayLease');

  constructor(
    private readonly settings: LeaseSettings,
    private readonly onLost: () => void = () => undefined,
  ) {
    this.keys = leaseLockKeys(settings.name);
  }

  get isHeld(): boolean {
    return this.held;
  }

  /**
   * The lease's connection, only while the lease is held. The relay's reads, checkpoint moves and
   * heartbeats overlap in time; they run one after another on it.
   */
  get sql(): Sql {
    if (!this.held || !this.client) throw new LeaseLostError(this.settings.name, 'not held');
    const client = this.client;
    return {
      query: <R extends QueryResultRow>(statement: string | QueryConfig, values?: unknown[]) => {
        const result = this.last.then(() => client.query<R>(statement, values));
        this.last = result.catch(() => undefined);
        return result;
      },
    };
  }

  /** Takes the lease if it is free or its owner is stale; false while a live owner holds it. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = await this.connect();
    try {
      if (await this.acquire(client)) return true;
      const { rows } = await client.query<{ terminated: boolean; owner_id: string; host: string; process_id: number }>(
        TAKE_OVER_STALE_SQL,
        [this.settings.name, ...this.keys, this.settings.leaseTimeoutMs],
      );
      const stale = rows.find((row) => row.terminated);
      if (!stale) return false;
      this.logger.warn(`took over relay "${this.settings.name}" from stale owner ${stale.owner_id} (${stale.host}, pid ${stale.process_id})`);
      return await this.acquire(client);
    } catch (error) {
      await this.drop(client);
      throw error;
    }
  }

  /** Proves the owner is alive; throws LeaseLostError when the row no longer names this session. */
  async beat(): Promise<void> {
    const { rowCount } = await this.sql.query(HEARTBEAT_SQL, [this.settings.name, this.ownerId]);
    if (rowCount !== 1) {
      this.lost('the lease row names another owner');
      throw new LeaseLostError(this.settings.name, 'the lease row names another owner');
    }
  }

  /** Ends the session, which releases the advisory lock. */
  async release(): Promise<void> {
    this.held = false;
    if (this.client) await this.drop(this.client);
  }

  /** Called when a fenced write found the lease gone. */
  lost(why: string): void {
    if (!this.held) return;
    this.logger.warn(`relay "${this.settings.name}" lost its lease: ${why}`);
    this.held = false;
    if (this.client) void this.drop(this.client);
    this.onLost();
  }

  private async acquire(client: Client): Promise<boolean> {
    const { rows } = await client.query(ACQUIRE_SQL, [...this.keys, this.settings.name, this.ownerId, hostname(), process.pid]);
    this.held = rows.length === 1;
    return this.held;
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.settings.databaseUrl,
      application_name: `relay-lease:${this.settings.name}`,
      connectionTimeoutMillis: this.settings.connectTimeoutMs,
      keepAlive: true,
      // No relay statement may hang for longer than a standby waits before taking over.
      statement_timeout: this.settings.leaseTimeoutMs,
    });
    client.on('error', (error) => this.lost(`connection error: ${error.message}`));
    client.on('end', () => this.lost('connection ended'));
    await client.connect();
    this.client = client;
    return client;
  }

  private async drop(client: Client): Promise<void> {
    if (this.client === client) this.client = null;
    this.held = false;
    await client.end().catch(() => undefined);
  }
}
