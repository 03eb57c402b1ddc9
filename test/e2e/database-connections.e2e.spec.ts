import { execFileSync } from 'node:child_process';
import { Pool } from 'pg';
import { PG_POOL, type SqlPool, type SqlPoolClient } from '../../src/platform/database/pg-pool';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TcpProxy } from '../support/tcp-proxy';
import { testConfig, uniqueName } from '../support/test-config';

const RECORD = 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id version } }';
const HISTORY = `query($countryCode: String!, $hsCode: String!, $period: String!) {
  statisticHistory(countryCode: $countryCode, hsCode: $hsCode, period: $period) { type version } }`;
const POOL_SIZE = 3;

/**
 * PostgreSQL connections that die under the app (an operator's pg_terminate_backend, a failover)
 * are replaced without the next request noticing, and a pool with no connection to spare answers
 * a retryable DATABASE_UNAVAILABLE, never INTERNAL. Only this app's own backends are terminated:
 * its connections carry an application_name of their own, on this run's test database.
 */
describe('PostgreSQL connections lost or exhausted', () => {
  const applicationName = uniqueName('conn-test');
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const created: string[] = [];

  beforeAll(async () => {
    harness = await startTestApp({ DATABASE_APPLICATION_NAME: applicationName, DATABASE_POOL_SIZE: String(POOL_SIZE), DATABASE_ACQUIRE_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  const record = async () => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    return { input, response: await graphql(harness.app, RECORD, { input }) };
  };
  /** Terminates every backend of this app (its application_name, on this database) and waits until they are gone. */
  const terminateAppBackends = async (): Promise<number> => {
    const { rows } = await harness.db.query<{ terminated: boolean }>(
      `select pg_terminate_backend(pid, 5000) as terminated from pg_stat_activity
        where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()`,
      [applicationName],
    );
    expect(rows.every((row) => row.terminated)).toBe(true);
    return rows.length;
  };

  it.each([1, 2, 3])('given every backend of the app terminated (round %d), the very next mutation and query succeed', async () => {
    // Warm: several requests at once, so the pool holds more than one idle connection.
    const warm = await Promise.all(Array.from({ length: POOL_SIZE * 2 }, record));
    expect(warm.map(({ response }) => response.body)).toEqual(warm.map(({ input }) => ({ data: { recordExportStatistic: { id: keyOf(input), version: 1 } } })));

    expect(await terminateAppBackends()).toBeGreaterThan(0);
    const next = await record();
    const { countryCode, hsCode, period } = next.input;
    const history = await graphql(harness.app, HISTORY, { countryCode, hsCode, period });

    expect(next.response).toEqual({ statusCode: 200, body: { data: { recordExportStatistic: { id: keyOf(next.input), version: 1 } } } });
    expect(history).toEqual({ statusCode: 200, body: { data: { statisticHistory: [{ type: 'ExportStatisticRecorded', version: 1 }] } } });
  });

  /**
   * The same, from another process while this one's event loop is blocked: the app gets no turn to
   * read its sockets before the next request takes a connection, the way a request that arrives
   * together with the termination does.
   */
  const terminateUnnoticed = () =>
    execFileSync('psql', [
      harness.config.DATABASE_URL,
      '-qtAc',
      `select count(pg_terminate_backend(pid, 5000)) from pg_stat_activity where datname = current_database() and application_name = '${applicationName}' and pid <> pg_backend_pid()`,
    ]).toString().trim();

  it.each([1, 2, 3])('given the backends terminated before the app could notice (round %d), the very next mutation succeeds', async () => {
    await Promise.all(Array.from({ length: POOL_SIZE * 2 }, record));

    expect(Number(terminateUnnoticed())).toBeGreaterThan(0);
    const next = await record();

    expect(next.response).toEqual({ statusCode: 200, body: { data: { recordExportStatistic: { id: keyOf(next.input), version: 1 } } } });
  });

  it.each([1, 2, 3])('given the backends terminated before the app could notice (round %d), the very next query succeeds', async () => {
    const [{ input }] = await Promise.all(Array.from({ length: POOL_SIZE * 2 }, record));

    expect(Number(terminateUnnoticed())).toBeGreaterThan(0);
    const history = await graphql(harness.app, HISTORY, { countryCode: input.countryCode, hsCode: input.hsCode, period: input.period });

    expect(history).toEqual({ statusCode: 200, body: { data: { statisticHistory: [{ type: 'ExportStatisticRecorded', version: 1 }] } } });
  });

  it('given every pooled connection held, a mutation answers a retryable DATABASE_UNAVAILABLE and writes nothing; released, the next succeeds', async () => {
    const pool = harness.app.get<SqlPool>(PG_POOL);
    const held: SqlPoolClient[] = [];
    let refused: Awaited<ReturnType<typeof record>>;
    try {
      for (let i = 0; i < POOL_SIZE; i++) held.push(await pool.connect());
      refused = await record();
    } finally {
      held.forEach((client) => client.release());
    }
    const after = await record();

    expect(refused.response.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: 'the database is not reachable right now; retry shortly',
          path: ['recordExportStatistic'],
          extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true },
        }),
      ],
    });
    const { rows } = await harness.db.query('select count(*)::int as n from event_log where stream_id = $1', [`statistic:${keyOf(refused.input)}`]);
    expect(rows).toEqual([{ n: 0 }]);
    expect(after.response.body).toEqual({ data: { recordExportStatistic: { id: keyOf(after.input), version: 1 } } });
  });
});

describe('PostgreSQL out of reach, then back', () => {
  let proxy: TcpProxy;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const created: string[] = [];

  beforeAll(async () => {
    const database = new URL(testConfig().DATABASE_URL);
    proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port || 5432) });
    const throughProxy = new URL(database.toString());
    throughProxy.port = new URL(proxy.url).port;
    harness = await startTestApp({ DATABASE_URL: throughProxy.toString(), DATABASE_POOL_SIZE: String(POOL_SIZE) });
    // The harness's own pool goes straight to PostgreSQL, so the checks below see the truth.
    await harness.db.end();
    harness.db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  });

  afterAll(async () => {
    proxy.heal();
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
    await proxy.stop();
  });

  const record = async () => {
    const input = aStatisticInput();
    created.push(keyOf(input));
    return { input, response: await graphql(harness.app, RECORD, { input }) };
  };

  it('answers a retryable DATABASE_UNAVAILABLE while it is unreachable, writes nothing, and the first mutation once it is back succeeds', async () => {
    await Promise.all(Array.from({ length: POOL_SIZE * 2 }, record));

    proxy.refuse();
    const refused = await record();
    // Healing cuts every connection that passed the proxy: the pool holds only dead ones now.
    proxy.heal();
    const next = await record();

    expect(refused.response.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ path: ['recordExportStatistic'], extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true } })],
    });
    const { rows } = await harness.db.query('select count(*)::int as n from event_log where stream_id = $1', [`statistic:${keyOf(refused.input)}`]);
    expect(rows).toEqual([{ n: 0 }]);
    expect(next.response.body).toEqual({ data: { recordExportStatistic: { id: keyOf(next.input), version: 1 } } });
  });
});
