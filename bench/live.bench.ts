import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient, type Client as WsClient } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createApp } from '../src/bootstrap';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { HasReadModelPassedQuery } from '../src/modules/dashboards';
import { ReadModelIndexManager } from '../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { RecordExportStatisticsBatchCommand } from '../src/modules/statistics/commands/record-export-statistics-batch/record-export-statistics-batch.command';
import type { StatisticInput } from '../src/modules/statistics/statistic-input';
import { topologyFromConfig } from '../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../src/platform/messaging/topology-declarer';
import { LiveUpdates } from '../src/platform/live/live-updates';
import { parseLiveMessage } from '../src/platform/live/live-notification';
import type { BenchSection } from './bench-section';
import { BENCH_DATABASE_URL } from './support/bench-database';
import { envInt, ms, percentile, perSecond } from './support/stats';

const METADATA = { correlationId: 'bench-live', causationId: null, actor: 'bench' };
const COUNTRIES = ['CN', 'US', 'VN', 'JP', 'HK', 'TW', 'SG', 'IN', 'AU', 'MX', 'DE', 'MY', 'PH', 'ID', 'TH', 'CA'];

/**
 * Live updates: BENCH_LIVE_SUBSCRIBERS WebSocket clients (one connection each) subscribe to
 * `dashboardUpdated` for a month on one instance (relay and consumers on), and the same write
 * load goes into another month without them, then into theirs. Latency is from the moment the
 * update's NOTIFY reaches a LISTEN connection of the benchmark (the flush has committed and
 * published) to each client's receipt. Throughput is the load's statistics over the time from the
 * first write until the read model has passed the last one.
 */
export async function runLiveBench(): Promise<BenchSection> {
  const subscribers = envInt('BENCH_LIVE_SUBSCRIBERS', 1000);
  const statistics = envInt('BENCH_LIVE_STATISTICS', 20_000);
  const stamp = `bench-live-${Date.now().toString(36)}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: BENCH_DATABASE_URL,
    LOG_LEVEL: 'warn',
    ES_INDEX_PREFIX: stamp,
    BROKER_PREFIX: stamp,
    RELAY_NAME: stamp,
    RELAY_ENABLED: 'true',
    CONSUMERS_ENABLED: 'true',
    CUSTOMS_IMPORT_WORKERS: 'false',
    SUBSCRIPTIONS_MAX_PER_CONNECTION: '1',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = `ws://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  const clients: WsClient[] = [];
  const published = new Client({ connectionString: BENCH_DATABASE_URL });
  try {
    // A warm-up: the relay catches up with the seeded reference data, the code paths get compiled.
    const warmUp = Math.max(1, Math.floor(statistics / 4));
    await load(app, 0, warmUp, '2025-01');
    const without = await load(app, warmUp, statistics, '2025-02');

    const received: { position: string; at: number }[] = [];
    for (let i = 0; i < subscribers; i++) {
      const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      clients.push(client);
      client.subscribe<{ dashboardUpdated: { position: string } }>(
        { query: 'subscription { dashboardUpdated(year: 2025, month: 3) { position } }' },
        { next: ({ data }) => void received.push({ position: data!.dashboardUpdated.position, at: performance.now() }), error: () => undefined, complete: () => undefined },
      );
    }
    const hub = app.get(LiveUpdates).hub;
    for (const deadline = Date.now() + 120_000; hub.size < subscribers; ) {
      if (Date.now() > deadline) throw new Error(`only ${hub.size} of ${subscribers} subscribers registered`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const publishedAt = await listen(published, config);
    const withSubscribers = await load(app, warmUp + statistics, statistics, '2025-03');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const latencies = received.flatMap(({ position, at }) => {
      const sent = publishedAt.get(position);
      return sent === undefined ? [] : [at - sent];
    });
    const updates = publishedAt.size;
    const change = (withSubscribers.elapsedMs / without.elapsedMs - 1) * 100;
    return {
      title: 'Live updates (subscriptions)',
      rows: [
        { metric: `dashboardUpdated to ${subscribers.toLocaleString('en-US')} subscribers on one instance, NOTIFY → client: p50 / p99 / max`, value: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} / ${ms(Math.max(...latencies))}`, target: 'p99 < 500 ms' },
        { metric: 'updates published; deliveries received / expected', value: `${updates}; ${latencies.length.toLocaleString('en-US')} / ${(updates * subscribers).toLocaleString('en-US')}` },
        { metric: `projection, ${statistics.toLocaleString('en-US')} statistics written to visible: without subscribers / with them`, value: `${perSecond(statistics, without.elapsedMs)} / ${perSecond(statistics, withSubscribers.elapsedMs)} (${change >= 0 ? '+' : ''}${change.toFixed(1)} % time)`, target: 'within 5 %' },
      ],
      notes: [
        `One instance in the benchmark's process (relay, consumers, summary flush every ${config.SUMMARY_FLUSH_INTERVAL_MS} ms), subscribers over real WebSocket connections (graphql-ws), one subscription each; the clients run in the same process and on the same two cores as the server.`,
        'Statistics are written in batches of 1,000 through the batch command, all in the subscribed month for the second load.',
      ],
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await published.end().catch(() => undefined);
    await app.get(ReadModelIndexManager).deleteAll().catch(() => undefined);
    await app.close();
    await cleanUp(config);
  }
}

/** Writes `count` statistics of `period` and waits until the read model has passed them. */
async function load(app: NestFastifyApplication, offset: number, count: number, period: string): Promise<{ elapsedMs: number }> {
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const started = performance.now();
  let position: string | null = null;
  for (let done = 0; done < count; done += 1000) {
    const items = Array.from({ length: Math.min(1000, count - done) }, (_, i) => statistic(offset + done + i, period));
    position = (await commands.execute(new RecordExportStatisticsBatchCommand(items, METADATA))).position ?? position;
  }
  if (position) while (!(await queries.execute(new HasReadModelPassedQuery(position, 10_000))));
  return { elapsedMs: performance.now() - started };
}

function statistic(i: number, period: string): StatisticInput {
  return { countryCode: COUNTRIES[i % COUNTRIES.length], hsCode: `85${String(i).padStart(8, '0')}`, period, valueUsd: String(1000 + i), weightKg: '10' };
}

/** When each dashboard update's NOTIFY arrived, by position. */
async function listen(client: Client, config: AppConfig): Promise<Map<string, number>> {
  const arrived = new Map<string, number>();
  await client.connect();
  client.on('notification', ({ payload }) => {
    const message = parseLiveMessage(payload);
    if (message?.topic !== 'dashboardUpdated') return;
    for (const update of message.data as { position: string }[]) if (!arrived.has(update.position)) arrived.set(update.position, performance.now());
  });
  await client.query(`listen "${config.BROKER_PREFIX}.live"`);
  return arrived;
}

async function cleanUp(config: AppConfig): Promise<void> {
  await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  try {
    for (const table of ['projection_checkpoint', 'summary_mark']) await db.query(`delete from ${table} where index_prefix = $1`, [config.ES_INDEX_PREFIX]);
    await db.query('delete from relay_checkpoint where name = $1', [config.RELAY_NAME]);
    await db.query('delete from relay_lease where name = $1', [config.RELAY_NAME]);
  } finally {
    await db.end();
  }
}
