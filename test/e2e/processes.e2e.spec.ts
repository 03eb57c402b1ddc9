import { Pool } from 'pg';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
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
