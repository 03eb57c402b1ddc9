import { Pool } from 'pg';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { runToExit } from '../support/app-process';
import { eventually } from '../support/delivery-harness';
import { aCountryInput, deleteCountries } from '../support/reference-builders';
import { deleteRelayState, startCheckpointAtHead } from '../support/relay-state';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { testConfig, uniqueName } from '../support/test-config';

const CODE = 'XP';
/** A country whose deactivation is put in place by hand, waiting for the dashboards, to be aborted. */
const ABORTED = 'XQ';
const PROCESS = `{ id type key status version lastError endedAt
  steps { name endedAt error } commands { sequence name status attempts lastError } deadlines { name } }`;

/**
 * The country-deactivation process inside the app, from the mutation to `process(id)`: every step
 * is handled (the dashboards archive the facts and report the recalculation, this instance
 * refreshes its caches and acknowledges, the notifications module records the notice, here with
 * no channel configured), so the process completes and operators see each step and command.
 */
describe('the country-deactivation process through GraphQL', () => {
  const overrides = {
    RELAY_ENABLED: 'true',
    CONSUMERS_ENABLED: 'true',
    PROCESS_MANAGER_ENABLED: 'true',
    COUNTRY_DEACTIVATION_PROCESS: 'true',
    PROCESS_POLL_INTERVAL_MS: '100',
    INSTANCE_HEARTBEAT_MS: '200',
    RELAY_NAME: uniqueName('test-relay'),
    BROKER_PREFIX: uniqueName('test-processes'),
  };
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 1 });
    await deleteCountries(db, [CODE]);
    await startCheckpointAtHead(db, overrides.RELAY_NAME);
    await db.end();
    harness = await startTestApp(overrides);
  });

  afterAll(async () => {
    const { config, db } = harness;
    await db.query(`delete from process where type in ('country-deactivation', 'country-reactivation') and key = $1`, [`country:${CODE}`]);
    await deleteCountries(db, [CODE]);
    await deleteRelayState(db, config.RELAY_NAME);
    await db.query('delete from app_instance_request where scope = $1', [config.BROKER_PREFIX]);
    for (const scope of [config.BROKER_PREFIX, `${config.BROKER_PREFIX}.processes`]) {
      for (const table of ['parked_message', 'parked_key', 'parking_log']) await db.query(`delete from ${table} where scope = $1`, [scope]);
    }
    await stopTestApp(harness);
    await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
  });

  const processes = (status: string) =>
    graphql(harness.app, `query($status: ProcessStatus) { processes(type: "country-deactivation", status: $status) ${PROCESS} }`, { status });

  it('deactivateCountry starts the process, which runs every step and COMPLETES; process(id) shows each step and command', async () => {
    await graphql(harness.app, 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { version } }', { input: aCountryInput(CODE) });
    const deactivated = await graphql(harness.app, `mutation { deactivateCountry(code: "${CODE}", reason: "sanctions") { version } }`);
    expect(deactivated).toEqual({ statusCode: 200, body: { data: { deactivateCountry: { version: 2 } } } });

    const completed = async () => ((await processes('COMPLETED')).body as { data: { processes: unknown[] } }).data.processes.length > 0;
    expect(await eventually(completed, 30_000, 200)).toBe(true);

    const { rows } = await harness.db.query(`select event_id as "eventId" from event_log where stream_id = $1 and type = 'CountryDeactivated'`, [`country:${CODE}`]);
    const id = `country-deactivation:${rows[0].eventId}`;
    const step = (name: string) => ({ name, endedAt: expect.any(String), error: null });
    const command = (sequence: number, name: string) => ({ sequence, name, status: 'SUCCEEDED', attempts: 1, lastError: null });
    const response = await graphql(harness.app, `query($id: ID!) { process(id: $id) ${PROCESS} }`, { id });

    expect(response).toEqual({
      statusCode: 200,
      body: {
        data: {
          process: {
            id,
            type: 'country-deactivation',
            key: `country:${CODE}`,
            status: 'COMPLETED',
            // Started, archived, refresh answered, every instance acknowledged, dashboards recalculated, notified.
            version: 6,
            lastError: null,
            endedAt: expect.any(String),
            steps: [step('archive-facts'), step('refresh-caches'), step('recalculate-dashboards'), step('notify-administrators')],
            commands: [
              command(1, 'archive-country-facts'),
              command(2, 'refresh-country-caches'),
              command(3, 'recalculate-dashboards'),
              command(4, 'notify-administrators'),
            ],
            deadlines: [],
          },
        },
      },
    });
    expect((await harness.db.query('select active from country where key = $1', [CODE])).rows).toEqual([{ active: false }]);
    expect(await processes('RUNNING')).toEqual({ statusCode: 200, body: { data: { processes: [] } } });

    // The gauge reads the table at the scrape: it counts what PostgreSQL holds, this process among them.
    const counted = await harness.db.query(`select count(*)::int as count from process where type = 'country-deactivation' and status = 'completed'`);
    const metrics = (await harness.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(`exportstats_processes{type="country-deactivation",status="completed"} ${counted.rows[0].count}`);
    expect(metrics).toMatch(/# TYPE exportstats_processes_overdue gauge/);
  }, 40_000);
});

/**
 * abortProcess on a deactivation put in place by hand, waiting for the dashboards. This app runs no
 * process manager (any instance takes operators' requests; the pollers send what they queue), so
 * the command the abort queues is still pending when it answers.
 */
describe('abortProcess through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp({ PROCESS_MANAGER_ENABLED: 'false' });
    await deleteCountries(harness.db, [ABORTED]);
  });

  afterAll(async () => {
    await harness.db.query(`delete from process where key = $1`, [`country:${ABORTED}`]);
    await deleteCountries(harness.db, [ABORTED]);
    await stopTestApp(harness);
  });

  it('turns a deactivation waiting for the dashboards to compensation, naming the operator; an ended one is a CONFLICT, an unknown one NOT_FOUND', async () => {
    await graphql(harness.app, 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { version } }', { input: aCountryInput(ABORTED) });
    const id = `country-deactivation:e2e-${harness.config.BROKER_PREFIX}`;
    const startedAt = new Date().toISOString();
    const state = {
      phase: 'recalculating',
      code: ABORTED,
      reason: 'test',
      deactivatedAt: '1',
      startedAt,
      steps: [{ step: 'recalculate-dashboards', startedAt, endedAt: null, error: null }],
    };
    await harness.db.query(
      `insert into process (id, type, key, status, state, version, correlation_id, started_at, updated_at)
       values ($1, 'country-deactivation', $2, 'running', $3, 3, 'e2e', now(), now())`,
      [id, `country:${ABORTED}`, JSON.stringify(state)],
    );
    const abort = (processId: string) =>
      graphql(harness.app, `mutation($id: ID!) { abortProcess(id: $id, reason: "wrong country") ${PROCESS} }`, { id: processId });

    const failure = 'aborted by test-operator (in step recalculate-dashboards): wrong country';
    expect(await abort(id)).toEqual({
      statusCode: 200,
      body: {
        data: {
          abortProcess: {
            id,
            type: 'country-deactivation',
            key: `country:${ABORTED}`,
            status: 'COMPENSATING',
            version: 4,
            lastError: failure,
            endedAt: null,
            steps: [
              { name: 'recalculate-dashboards', endedAt: expect.any(String), error: failure },
              { name: 'reactivate-country', endedAt: null, error: null },
            ],
            commands: [{ sequence: 1, name: 'reactivate-country', status: 'PENDING', attempts: 0, lastError: null }],
            deadlines: [{ name: 'compensate-by' }],
          },
        },
      },
    });

    await harness.db.query(`update process set status = 'failed', ended_at = now() where id = $1`, [id]);
    const refused = await abort(id);
    expect(refused.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'CONFLICT' } }] });
    const unknown = await abort('country-deactivation:nothing');
    expect(unknown.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  }, 40_000);
});

/**
 * retryProcessStep on deactivations put in place by hand, ended FAILED while undoing themselves.
 * As for the abort, this app runs no process manager: what the retry answers is what it decided
 * and queued, before any poller sends the command.
 */
describe('retryProcessStep through GraphQL', () => {
  const RETRIED = 'XR';
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp({ PROCESS_MANAGER_ENABLED: 'false' });
    await harness.db.query(`delete from process where key = $1`, [`country:${RETRIED}`]);
  });

  afterAll(async () => {
    await harness.db.query(`delete from process where key = $1`, [`country:${RETRIED}`]);
    await stopTestApp(harness);
    // The CLI's application declares the broker topology under the test's prefix.
    await deleteTopology(harness.config.RABBITMQ_URL, topologyFromConfig(harness.config));
  });

  const hourAgo = Date.now() - 3_600_000;
  const at = (minutes: number) => new Date(hourAgo + minutes * 60_000).toISOString();
  const archiveFailed = 'archive-facts failed: boom';
  const restoreFailed = `${archiveFailed}; undoing it failed: restore-facts: ReadModelUnavailableError: Elasticsearch is unavailable`;

  /** A deactivation that failed restoring the facts (its third command) after undoing an archive that failed. */
  async function aFailedDeactivation(id: string, failedIn: object | null): Promise<void> {
    const state = {
      phase: 'failed',
      code: RETRIED,
      reason: 'test',
      deactivatedAt: '1',
      startedAt: at(0),
      steps: [
        { step: 'archive-facts', startedAt: at(0), endedAt: at(1), error: archiveFailed },
        { step: 'reactivate-country', startedAt: at(1), endedAt: at(2), error: null },
        { step: 'restore-facts', startedAt: at(2), endedAt: at(3), error: restoreFailed },
      ],
      failure: restoreFailed,
      endedAt: at(3),
      ...(failedIn ? { failedIn } : {}),
    };
    await harness.db.query(
      `insert into process (id, type, key, status, state, version, correlation_id, last_error, started_at, updated_at, ended_at)
       values ($1, 'country-deactivation', $2, 'failed', $3, 4, 'e2e', $4, $5, $6, $6)`,
      [id, `country:${RETRIED}`, JSON.stringify(state), restoreFailed, at(0), at(3)],
    );
    await harness.db.query(
      `insert into process_command (process_id, seq, name, payload, status, attempts, last_error, created_at, next_attempt_at) values
         ($1, 1, 'archive-country-facts', $2, 'failed', 1, 'boom', $3, $3),
         ($1, 2, 'reactivate-country', $2, 'succeeded', 1, null, $4, $4),
         ($1, 3, 'restore-country-facts', $2, 'failed', 5, 'ReadModelUnavailableError: Elasticsearch is unavailable', $5, $5)`,
      [id, JSON.stringify({ code: RETRIED }), at(0), at(1), at(2)],
    );
  }

  const PROCESS_WITH_REISSUES = PROCESS.replace('lastError } deadlines', 'lastError reissues } deadlines');
  const retry = (id: string) => graphql(harness.app, `mutation($id: ID!) { retryProcessStep(id: $id) ${PROCESS_WITH_REISSUES} }`, { id });
  const refusal = (code: string, errorCode: string, message: string, details: object) => ({
    statusCode: 200,
    body: { data: null, errors: [{ message, locations: [{ line: 1, column: 22 }], path: ['retryProcessStep'], extensions: { code, errorCode, ...details } }] },
  });

  it('sends the failed command again (attempts and error cleared) and resumes the step it failed in; the only failed command left cannot be sent again', async () => {
    const id = `country-deactivation:e2e-retry-${harness.config.BROKER_PREFIX}`;
    await aFailedDeactivation(id, { phase: 'restoring', failure: archiveFailed, reactivatedAt: '2' });

    expect(await retry(id)).toEqual({
      statusCode: 200,
      body: {
        data: {
          retryProcessStep: {
            id,
            type: 'country-deactivation',
            key: `country:${RETRIED}`,
            status: 'COMPENSATING',
            version: 5,
            lastError: null,
            endedAt: null,
            steps: [
              { name: 'archive-facts', endedAt: at(1), error: archiveFailed },
              { name: 'reactivate-country', endedAt: at(2), error: null },
              { name: 'restore-facts', endedAt: at(3), error: restoreFailed },
              { name: 'restore-facts', endedAt: null, error: null },
            ],
            commands: [
              { sequence: 1, name: 'archive-country-facts', status: 'FAILED', attempts: 1, lastError: 'boom', reissues: 0 },
              { sequence: 2, name: 'reactivate-country', status: 'SUCCEEDED', attempts: 1, lastError: null, reissues: 0 },
              { sequence: 3, name: 'restore-country-facts', status: 'PENDING', attempts: 0, lastError: null, reissues: 1 },
            ],
            deadlines: [{ name: 'compensate-by' }],
          },
        },
      },
    });

    // The archive that failed going forward is the latest failed command now; undoing, the process awaits another.
    expect(await retry(id)).toEqual(
      refusal('CONFLICT', 'PROCESS.RETRY_REFUSED', `process ${id} (compensating) cannot send archive-country-facts again from where it stands`, {
        id,
        command: 'archive-country-facts',
        status: 'compensating',
      }),
    );
    await harness.db.query(`delete from process_command where process_id = $1 and seq = 1`, [id]);
    expect(await retry(id)).toEqual(refusal('CONFLICT', 'PROCESS.NOTHING_TO_RETRY', `process ${id} has no failed command to retry`, { id }));
    expect(await retry('country-deactivation:nothing')).toEqual(
      refusal('NOT_FOUND', 'PROCESS.NOT_FOUND', 'no process has id country-deactivation:nothing', { id: 'country-deactivation:nothing' }),
    );
  }, 40_000);

  it('processes:retry does the same from the CLI, printing the process; a refusal is its message and exit code 1', async () => {
    await harness.db.query(`delete from process where key = $1`, [`country:${RETRIED}`]);
    const id = `country-deactivation:e2e-cli-${harness.config.BROKER_PREFIX}`;
    await aFailedDeactivation(id, { phase: 'restoring', failure: archiveFailed, reactivatedAt: '2' });
    const { config } = harness;
    // As an operator runs it: a process of its own, its settings from the environment.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: config.DATABASE_URL,
      ES_URL: config.ES_URL,
      ES_INDEX_PREFIX: config.ES_INDEX_PREFIX,
      RABBITMQ_URL: config.RABBITMQ_URL,
      BROKER_PREFIX: config.BROKER_PREFIX,
    };
    const cli = (...args: string[]) => runToExit(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', ...args], env, 120_000, `cli ${args.join(' ')}`);

    const printed = (await cli('processes:retry', id)).trimEnd().split('\n');

    const iso = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
    expect(printed).toEqual([
      expect.stringMatching(new RegExp(`^${id}\tcompensating\tcountry:${RETRIED}\tversion 5\tstarted ${at(0)}$`)),
      `  step archive-facts\t${at(0)} -> ${at(1)}\t${archiveFailed}`,
      `  step reactivate-country\t${at(1)} -> ${at(2)}`,
      `  step restore-facts\t${at(2)} -> ${at(3)}\t${restoreFailed}`,
      expect.stringMatching(new RegExp(`^  step restore-facts\t${iso} -> \\(running\\)$`)),
      '  command #1 archive-country-facts\tfailed\t1 attempt(s)\tboom',
      '  command #2 reactivate-country\tsucceeded\t1 attempt(s)',
      '  command #3 restore-country-facts\tpending\t0 attempt(s)\treissued 1x',
      expect.stringMatching(new RegExp(`^  deadline compensate-by\t${iso}$`)),
    ]);
    const refused = await cli('processes:retry', id).then(() => 'exit 0', (error: Error) => error.message);
    expect(refused).toBe(`cli processes:retry ${id} failed (exit 1):\nprocess ${id} (compensating) cannot send archive-country-facts again from where it stands\n`);
  }, 300_000);

  it('refuses a process that cannot take its failed command up again, and changes nothing', async () => {
    await harness.db.query(`delete from process where key = $1`, [`country:${RETRIED}`]);
    const id = `country-deactivation:e2e-refused-${harness.config.BROKER_PREFIX}`;
    // Failed before retries recorded where it stopped: nothing says which step to resume.
    await aFailedDeactivation(id, null);
    const before = await graphql(harness.app, `query($id: ID!) { process(id: $id) ${PROCESS_WITH_REISSUES} }`, { id });

    expect(await retry(id)).toEqual(
      refusal('CONFLICT', 'PROCESS.RETRY_REFUSED', `process ${id} (failed) cannot send restore-country-facts again from where it stands`, {
        id,
        command: 'restore-country-facts',
        status: 'failed',
      }),
    );
    expect(await graphql(harness.app, `query($id: ID!) { process(id: $id) ${PROCESS_WITH_REISSUES} }`, { id })).toEqual(before);
  }, 40_000);
});

/**
 * The process gauges on /metrics, read from PostgreSQL at the scrape. Processes of a type no
 * definition handles (so no poller fires their deadlines) are put in place by hand; the figures
 * expected are counted from what is inserted here.
 */
describe('process metrics on /metrics', () => {
  const type = uniqueName('test-process-type');
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp({ PROCESS_MANAGER_ENABLED: 'false' });
  });

  afterAll(async () => {
    await harness.db.query('delete from process where type = $1', [type]);
    await stopTestApp(harness);
  });

  /** A process of the test's type; `dueInMs`: a pending deadline that far from now (negative: past). */
  async function aProcess(name: string, status: string, dueInMs: number | null): Promise<void> {
    const id = `${type}:${name}`;
    await harness.db.query(
      `insert into process (id, type, key, status, state, version, correlation_id, started_at, updated_at, ended_at)
       values ($1, $2, $1, $3, '{}', 1, 'e2e', now(), now(), case when $3 in ('running', 'compensating') then null else now() end)`,
      [id, type, status],
    );
    if (dueInMs !== null) {
      await harness.db.query(`insert into process_deadline (process_id, name, due_at) values ($1, 'complete-by', now() + make_interval(secs => $2::double precision / 1000))`, [id, dueInMs]);
    }
  }

  it('counts processes by status, and as overdue the live ones whose deadline passed (beyond a few seconds of grace) and has not fired', async () => {
    await aProcess('late', 'running', -60_000);
    await aProcess('on-time', 'running', 60_000);
    await aProcess('just-due', 'running', -1_000);
    await aProcess('late-undoing', 'compensating', -60_000);
    // An ended process's deadline never fires (the manager removes it); a row left over is not overdue.
    await aProcess('ended', 'completed', -60_000);
    await aProcess('compensated', 'compensated', null);

    const metrics = (await harness.app.inject({ method: 'GET', url: '/metrics' })).body;
    const lines = metrics.split('\n').filter((line) => line.includes(`type="${type}"`));

    expect(lines.sort()).toEqual([
      `exportstats_processes_overdue{type="${type}"} 2`,
      `exportstats_processes{type="${type}",status="compensated"} 1`,
      `exportstats_processes{type="${type}",status="compensating"} 1`,
      `exportstats_processes{type="${type}",status="completed"} 1`,
      `exportstats_processes{type="${type}",status="running"} 3`,
    ]);
  }, 40_000);
});
