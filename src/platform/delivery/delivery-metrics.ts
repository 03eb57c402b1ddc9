import { Counter, type Registry } from 'prom-client';
import type { RelayObserver } from '../relay/outbox-relay';
import type { DeliveryObserver } from './delivery-observer';

/**
 * Counters of what this instance did; Prometheus derives the per-second rates (published/s,
 * processed/s per shard). The scrape-time gauges (lag, depth, parked) are in delivery-gauges.ts.
 */
export class DeliveryMetrics implements DeliveryObserver, RelayObserver {
  private readonly publishedTotal: Counter;
  private readonly processedTotal: Counter<'queue'>;
  private readonly retriesTotal: Counter<'queue'>;
  private readonly parkedTotal: Counter<'queue'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.publishedTotal = new Counter({
      name: 'exportstats_relay_published_total',
      help: 'Events the relay of this instance published and had confirmed',
      registers,
    });
    this.processedTotal = new Counter({
      name: 'exportstats_consumer_processed_total',
      help: 'Messages a consumer of this instance settled (applied or parked), per queue',
      labelNames: ['queue'],
      registers,
    });
    this.retriesTotal = new Counter({
      name: 'exportstats_consumer_retries_total',
      help: 'Handler retries after a failed attempt, per queue',
      labelNames: ['queue'],
      registers,
    });
    this.parkedTotal = new Counter({
      name: 'exportstats_consumer_parked_total',
      help: 'Messages a consumer of this instance parked, per queue',
      labelNames: ['queue'],
      registers,
    });
  }

  published(count: number): void {
    this.publishedTotal.inc(count);
  }

  processed(queue: string, count: number): void {
    this.processedTotal.inc({ queue }, count);
  }

  retried(queue: string, count: number): void {
    if (count > 0) this.retriesTotal.inc({ queue }, count);
  }

  parked(queue: string, count: number): void {
    this.parkedTotal.inc({ queue }, count);
  }
}
