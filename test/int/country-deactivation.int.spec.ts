import { connect } from 'amqplib';
import Decimal from 'decimal.js';
import { Pool } from 'pg';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { toEnvelope } from '../../src/platform/messaging/wire/event-envelope';
import { publishOptions } from '../../src/platform/messaging/wire/message-headers';
import type { StoredEvent } from '../../src/platform/event-log/event-log.types';
import { eventually } from '../support/delivery-harness';
import { deleteNotifications } from '../support/notification-app';
import { WebhookReceiver } from '../support/notification-receivers';
import { aCountryInput, deleteCountries } from '../support/reference-builders';
import { deleteRelayState, startCheckpointAtHead } from '../support/relay-state';
import { deleteStatistics } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { testConfig, uniqueName } from '../support/test-config';

/** XR is deactivated; XS and XT stay. Codes no other test file registers. */
const GONE = 'XR';
const CODES = [GONE, 'XS', 'XT'];
const STATISTICS = [
  { countryCode: GONE, hsCode: '8518100001', period: '2026-08', valueUsd: '900000.00', weightKg: '10.000' },
  { countryCode: GONE, hsCode: '8703230001', period: '2026-08', valueUsd: '1250.55', weightKg: '1.500' },
  { countryCode: GONE, hsCode: '8518100001', period: '2026-07', valueUsd: '70000.00', weightKg: '7.000' },
  { countryCode: 'XS', hsCode: '8518100001', period: '2026-08', valueUsd: '500.10', weightKg: '2.000' },
  { countryCode: 'XS', hsCode: '8703230001', period: '2026-07', valueUsd: '300.00', weightKg: '3.000' },
  { countryCode: 'XT', hsCode: '8703230001', period: '2026-08', valueUsd: '4000.00', weightKg: '4.000' },
];
const KEYS = STATISTICS.map(({ countryCode, hsCode, period }) => `${countryCode}-${hsCode}-${period}`);

type Reply = { statusCode: number; body: { data?: Record<string, unknown>; errors?: unknown[] } };

/**
 * The country-deactivation process and its reverse inside the app with every part real: the relay
 * and the broker bring CountryDeactivated to the processes' queue and the projections, the
 * dashboards archive the facts and signal once the summaries are recomputed, every live instance
 * (this one) refreshes its caches and says so, the notifications module posts to a webhook on
 * 127.0.0.1. Expected figures come from PostgreSQL's own rows, never from the read model.
 */
describe('country deactivation and reactivation (int)', () => {
  const webhook = new WebhookReceiver();
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let settings: Record<string, string>;

  beforeAll(async () => {
    await webhook.start();
    settings = {
      RELAY_ENABLED: 'true',
      CONSUMERS_ENABLED: 'true',
      PROCESS_MANAGER_ENABLED: 'true',
      COUNTRY_DEACTIVATION_PROCESS: 'true',
      PROCESS_POLL_INTERVAL_MS: '100',
      INSTANCE_HEARTBEAT_MS: '200',
      RELAY_POLL_INTERVAL_MS: '200',
      SUMMARY_FLUSH_INTERVAL_MS: '200',
      // A busy machine may take seconds to project; the queries below wait for it rather than answer stale.
      READ_WAIT_MAX_MS: '30000',
      RELAY_NAME: uniqueName('test-relay'),
      BROKER_PREFIX: uniqueName('test-country-process'),
      NOTIFY_WEBHOOK_URL: webhook.url('T0TEST/B0TEST/country-process'),
      NOTIFY_DIGEST_WINDOW_MS: '0',
      NOTIFY_POLL_INTERVAL_MS: '100',
    };
    const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 1 });
    await cleanUp(db);
    await startCheckpointAtHead(db, settings.RELAY_NAME);
    await db.end();
    harness = await startTestApp(settings);
  });

  afterAll(async () => {
    const { config, db } = harness;
    await cleanUp(db);
    await deleteRelayState(db, config.RELAY_NAME);
    await deleteNotifications(db, config.BROKER_PREFIX);
    await db.query('delete from app_instance_request where scope = $1', [config.BROKER_PREFIX]);
    await db.query('delete from dashboards_recalculation_wait where index_prefix = $1', [config.ES_INDEX_PREFIX]);
    for (const scope of [config.BROKER_PREFIX, `${config.BROKER_PREFIX}.processes`]) {
      for (const table of ['parked_message', 'parked_key', 'parking_log']) await db.query(`delete from ${table} where scope = $1`, [scope]);
    }
    await stopTestApp(harness);
    await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
    await webhook.stop();
  });

  async function cleanUp(db: Pool): Promise<void> {
    await db.query(`delete from process where type in ('country-deactivation', 'country-reactivation') and key = any($1::text[])`, [CODES.map((code) => `country:${code}`)]);
    await deleteStatistics(db, KEYS);
    await deleteCountries(db, CODES);
  }

  const query = async (text: string, variables: Record<string, unknown> = {}) => (await graphql(harness.app, text, variables)) as Reply;

  async function write(text: string): Promise<string> {
    const reply = await query(text);
    const receipt = Object.values(reply.body.data ?? {})[0] as { position?: string } | undefined;
    if (!receipt?.position) throw new Error(`write refused: ${JSON.stringify(reply.body)}`);
    return receipt.position;
  }

  async function processesOf(type: string): Promise<{ id: string; status: string }[]> {
    const { rows } = await harness.db.query<{ id: string; status: string }>('select id, status from process where type = $1 and key = $2 order by started_at', [
      type,
      `country:${GONE}`,
    ]);
    return rows;
  }

  async function endsCompleted(type: string): Promise<void> {
    const ended = await eventually(async () => (await processesOf(type)).some((process) => process.status !== 'running'), 60_000, 200);
    const rows = await processesOf(type);
    const errors = await harness.db.query('select last_error from process where type = $1 and key = $2', [type, `country:${GONE}`]);
    expect({ ended, rows: rows.map((row) => row.status), errors: errors.rows }).toEqual({ ended: true, rows: ['completed'], errors: [{ last_error: null }] });
  }

  /** What PostgreSQL holds of the test's statistics, for the countries counted: per month, partner and chapter. */
  async function expected(counted: readonly string[]) {
    const sum = async (where: string, values: unknown[]) =>
      (await harness.db.query<{ value: string | null }>(`select sum(value_usd)::text as value from export_statistic where key = any($1::text[]) and country_code = any($2::text[]) ${where}`, [KEYS, counted, ...values]))
        .rows[0].value;
    const august = await sum(`and year = 2026 and month = 8`, []);
    const partners = await harness.db.query<{ code: string; value: string }>(
      `select country_code as code, sum(value_usd)::text as value from export_statistic where key = any($1::text[]) and country_code = any($2::text[])
       group by country_code order by sum(value_usd) desc, country_code`,
      [KEYS, counted],
    );
    const july = await sum(`and year = 2026 and month = 7`, []);
    const chapters = await harness.db.query<{ code: string; value: string }>(
      `select left(hs_code, 2) as code, sum(value_usd)::text as value from export_statistic where key = any($1::text[]) and country_code = any($2::text[])
       group by left(hs_code, 2) order by sum(value_usd) desc, left(hs_code, 2)`,
      [KEYS, counted],
    );
    const facts = await harness.db.query<{ count: number }>('select count(*)::int as count from export_statistic where key = any($1::text[]) and country_code = $2', [KEYS, GONE]);
    return {
      august: money(august),
      july: money(july),
      partners: partners.rows.map((row) => ({ countryCode: row.code, valueUsd: money(row.value) })),
      chapters: chapters.rows.map((row) => ({ hsCode: row.code, valueUsd: money(row.value) })),
      goneFacts: facts.rows[0].count,
    };
  }

  /** What the dashboards answer once the projections passed `position`, in the shape of `expected`. */
  async function dashboards(position: string) {
    const consistency = { atLeastPosition: position, timeoutMs: 30_000 };
    const summary = await query(
      `query($c: ReadConsistency) { dashboardSummary(year: 2026, month: 8, consistency: $c) { total { valueUsd } partnerCount topPartners { countryCode } fresh } }`,
      { c: consistency },
    );
    const ranking = await query(`query($c: ReadConsistency) { partnerRanking(year: 2026, first: 50, consistency: $c) { totalCount edges { node { countryCode valueUsd } } fresh } }`, {
      c: consistency,
    });
    const products = await query(`query($c: ReadConsistency) { productRanking(year: 2026, level: 2, first: 50, consistency: $c) { totalCount edges { node { hsCode valueUsd } } } }`, {
      c: consistency,
    });
    const trend = await query(`query($c: ReadConsistency) { trend(from: "2026-07", to: "2026-07", consistency: $c) { points { period valueUsd } } }`, { c: consistency });
    const facts = (includeArchived: boolean) =>
      query(`query($c: ReadConsistency, $a: Boolean) { statisticFacts(filter: { year: 2026, countryCode: "${GONE}" }, consistency: $c, includeArchived: $a) { totalCount edges { node { archived } } } }`, {
        c: consistency,
        a: includeArchived,
      });
    return { summary: summary.body, ranking: ranking.body, products: products.body, trend: trend.body, facts: (await facts(false)).body, archived: (await facts(true)).body };
  }

  it('deactivating a country takes it out of every total and ranking, archives its facts and tells administrators once; reactivating reverses it', async () => {
    for (const code of CODES) await write(`mutation { registerCountry(input: ${gql(aCountryInput(code))}) { id version position } }`);
    const recorded = await write(`mutation { recordExportStatistics(items: ${gql(STATISTICS)}) { position } }`);
    const all = await expected(CODES);
    const before = await dashboards(recorded);
    expect(before.summary).toMatchObject({ data: { dashboardSummary: { total: { valueUsd: all.august }, partnerCount: 3, fresh: true } } });

    const deactivated = await write(`mutation { deactivateCountry(code: "${GONE}", reason: "sanctions") { id version position } }`);
    // The same CountryDeactivated again, twice, as a redelivery would bring it: still one process.
    await publishAgain(await storedEvent('CountryDeactivated'), 2);
    await endsCompleted('country-deactivation');

    const without = await expected(CODES.filter((code) => code !== GONE));
    const after = await dashboards(deactivated);
    expect(after).toEqual({
      summary: { data: { dashboardSummary: { total: { valueUsd: without.august }, partnerCount: without.partners.length, topPartners: codesOf(without.partners, '2026-08'), fresh: true } } },
      ranking: { data: { partnerRanking: { totalCount: without.partners.length, edges: without.partners.map((node) => ({ node })), fresh: true } } },
      products: { data: { productRanking: { totalCount: without.chapters.length, edges: without.chapters.map((node) => ({ node })) } } },
      trend: { data: { trend: { points: [{ period: '2026-07', valueUsd: without.july }] } } },
      facts: { data: { statisticFacts: { totalCount: 0, edges: [] } } },
      archived: { data: { statisticFacts: { totalCount: all.goneFacts, edges: Array.from({ length: all.goneFacts }, () => ({ node: { archived: true } })) } } },
    });
    expect(await notices(1)).toEqual([`Country ${GONE} deactivated`]);

    const activated = await write(`mutation { activateCountry(code: "${GONE}") { id version position } }`);
    await endsCompleted('country-reactivation');
    const back = await dashboards(activated);
    expect(back).toEqual({
      summary: { data: { dashboardSummary: { total: { valueUsd: all.august }, partnerCount: all.partners.length, topPartners: codesOf(all.partners, '2026-08'), fresh: true } } },
      ranking: { data: { partnerRanking: { totalCount: all.partners.length, edges: all.partners.map((node) => ({ node })), fresh: true } } },
      products: { data: { productRanking: { totalCount: all.chapters.length, edges: all.chapters.map((node) => ({ node })) } } },
      trend: { data: { trend: { points: [{ period: '2026-07', valueUsd: all.july }] } } },
      facts: { data: { statisticFacts: { totalCount: all.goneFacts, edges: Array.from({ length: all.goneFacts }, () => ({ node: { archived: false } })) } } },
      archived: { data: { statisticFacts: { totalCount: all.goneFacts, edges: Array.from({ length: all.goneFacts }, () => ({ node: { archived: false } })) } } },
    });
    expect(await notices(2)).toEqual([`Country ${GONE} deactivated`, `Country ${GONE} reactivated`]);
    // One process each way, the duplicate deliveries notwithstanding.
    expect([(await processesOf('country-deactivation')).length, (await processesOf('country-reactivation')).length]).toEqual([1, 1]);
  }, 120_000);

  it('an instance that was live when asked to refresh its caches and then stops beating is reported gone, and the deactivation completes', async () => {
    const code = 'XT';
    const silent = `silent-${harness.config.BROKER_PREFIX}`;
    await harness.db.query('insert into app_instance (scope, id, host, pid) values ($1, $2, $3, 1)', [harness.config.BROKER_PREFIX, silent, 'nowhere']);
    await write(`mutation { deactivateCountry(code: "${code}", reason: "test") { id version position } }`);
    const stateOf = async () =>
      (await harness.db.query<{ status: string; state: { phase: string; instances?: string[] | null; acknowledged?: string[] } }>(
        `select status, state from process where type = 'country-deactivation' and key = $1`,
        [`country:${code}`],
      )).rows[0];
    // Asked, this instance answered, the silent one keeps the process waiting.
    const waiting = async () => (await stateOf())?.state.acknowledged?.length === 1;
    expect(await eventually(waiting, 30_000, 100)).toBe(true);
    const { state } = await stateOf();
    const app = (await harness.db.query<{ id: string }>('select id from app_instance where scope = $1 and id <> $2', [harness.config.BROKER_PREFIX, silent])).rows.map((row) => row.id);
    expect({ phase: state.phase, instances: [...(state.instances ?? [])].sort(), acknowledged: state.acknowledged }).toEqual({
      phase: 'refreshing-caches',
      instances: [...app, silent].sort(),
      acknowledged: app,
    });

    await harness.db.query(`update app_instance set heartbeat_at = now() - interval '1 hour' where scope = $1 and id = $2`, [harness.config.BROKER_PREFIX, silent]);
    expect(await eventually(async () => (await stateOf()).status === 'completed', 30_000, 100)).toBe(true);
    const left = await harness.db.query(`select message_id from process_handled_message where process_id like 'country-deactivation:%' and message_id like $1`, [`%:${silent}`]);
    expect(left.rowCount).toBe(1);
    await harness.db.query('delete from app_instance where scope = $1 and id = $2', [harness.config.BROKER_PREFIX, silent]);
  }, 60_000);

  /** The webhook's posts about the test country, by their first line, once `count` arrived and a pause that would show a copy more. */
  async function notices(count: number): Promise<string[]> {
    const about = () => webhook.posts.map((post) => post.body.text ?? '').filter((text) => text.includes(`Country ${GONE}`));
    await eventually(() => about().length >= count, 20_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return about().map((text) => text.split(':')[0].replace(/\*/g, ''));
  }

  /** The partners of one month as the summary's top list names them (largest first), from the statistics written. */
  function codesOf(counted: readonly { countryCode: string }[], period: string) {
    return STATISTICS.filter((row) => row.period === period && counted.some((partner) => partner.countryCode === row.countryCode))
      .reduce<{ countryCode: string; value: Decimal }[]>((acc, row) => {
        const found = acc.find((entry) => entry.countryCode === row.countryCode);
        if (found) found.value = found.value.plus(row.valueUsd);
        else acc.push({ countryCode: row.countryCode, value: new Decimal(row.valueUsd) });
        return acc;
      }, [])
      .sort((a, b) => b.value.comparedTo(a.value) || a.countryCode.localeCompare(b.countryCode))
      .map(({ countryCode }) => ({ countryCode }));
  }

  async function storedEvent(type: string): Promise<StoredEvent> {
    const { rows } = await harness.db.query<StoredEvent>(
      `select position::text, transaction_id::text as "transactionId", event_id as "eventId", stream_id as "streamId", stream_version as "streamVersion",
              type, schema_version as "schemaVersion", data, metadata, occurred_at as "occurredAt"
       from event_log where stream_id = $1 and type = $2 order by position desc limit 1`,
      [`country:${GONE}`, type],
    );
    return rows[0];
  }

  async function publishAgain(event: StoredEvent, times: number): Promise<void> {
    const envelope = toEnvelope(event);
    const connection = await connect(harness.config.RABBITMQ_URL);
    try {
      const channel = await connection.createConfirmChannel();
      for (let copy = 0; copy < times; copy++) channel.sendToQueue(topologyFromConfig(harness.config).processQueue, Buffer.from(JSON.stringify(envelope)), publishOptions(envelope));
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
  }
});

/** A decimal string as the API writes money: no trailing zeros beyond what it needs. */
function money(value: string | null): string {
  return new Decimal(value ?? '0').toFixed(2);
}

/** A value as a GraphQL literal (object keys bare). */
function gql(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(gql).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${gql(item)}`).join(', ')} }`;
  return JSON.stringify(value);
}
