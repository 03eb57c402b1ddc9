import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import { METRICS_REGISTRY } from '../../../platform/metrics/metrics-registry';
import { perScrape } from '../../../platform/metrics/per-scrape';

/**
 * Notification batches by state, per channel, read from PostgreSQL when Prometheus scrapes (every
 * instance reports the same): a parked batch waits for an operator (prometheus/alerts.yml,
 * NotificationsParked); due and sending ones that pile up mean a channel is slow or failing.
 * Beside them, the notifications this instance sent, per channel (a digest counts each of its own).
 */
@Injectable()
export class NotificationGauges {
  private readonly sentTotal: Counter<'channel'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Inject(PG_POOL) pool: SqlPool, @Inject(APP_CONFIG) config: AppConfig) {
    const batches = perScrape(() => batchesByState(pool, config.BROKER_PREFIX), null);
    new Gauge({ name: 'exportstats_notification_batches', help: 'Notification batches in each state, per channel (sent ones are not counted)', labelNames: ['channel', 'state'], registers: [registry], async collect() {
      this.reset();
      for (const { channel, state, count } of (await batches()) ?? []) this.set({ channel, state }, count);
    } });
    this.sentTotal = new Counter({ name: 'exportstats_notifications_sent_total', help: 'Notifications this instance sent, per channel', labelNames: ['channel'], registers: [registry] });
  }

  /** Told by the sender once a batch is marked sent. */
  readonly sent = (channel: string, count: number): void => {
    this.sentTotal.inc({ channel }, count);
  };
}

async function batchesByState(pool: SqlPool, scope: string): Promise<{ channel: string; state: string; count: number }[]> {
  const { rows } = await pool.query<{ channel: string; state: string; count: number }>(
    `select channel, state, count(*)::int as count from notification_batch
     where scope = $1 and state <> 'sent' group by channel, state`,
    [scope],
  );
  return rows;
}
