import type { AppProcess } from '../support/app-process';
import {
  commandsOf,
  countryEvents,
  dashboards,
  DEACTIVATED,
  deactivations,
  describeProcesses,
  expectedDashboards,
  gql,
  noticesReceived,
  noticesRecorded,
  processSettings,
  recordFacts,
  until,
  type RecordedFact,
} from '../support/country-process-faults';
import { waitUntilQuiet } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { WebhookReceiver } from '../support/notification-receivers';
import { privateElasticsearch, type PrivateNode } from '../support/private-services';

const FORWARD_STEPS = ['archive-facts', 'refresh-caches', 'recalculate-dashboards', 'notify-administrators'];
const FORWARD_COMMANDS = ['archive-country-facts', 'refresh-country-caches', 'recalculate-dashboards', 'notify-administrators'];

const eventCount = async (world: FaultWorld) => (await world.db.query<{ count: number }>('select count(*)::int as count from event_log')).rows[0].count;
const deactivate = (url: string) => gql(url, `mutation { deactivateCountry(code: "${DEACTIVATED}", reason: "fault test") { version } }`);

/**
 * A completed deactivation, as it must be whatever happened on the way: one process, each step
 * once and without error, each command issued once and succeeded, the country's stream
 * registered-then-deactivated (nothing undone, nothing twice), one notice recorded and one
 * received, and the dashboards without the country while its facts stay reachable as archived.
 */
async function expectCompletedOnce(world: FaultWorld, webhook: WebhookReceiver, url: string, facts: readonly RecordedFact[], eventsBefore: number): Promise<void> {
  const processes = await deactivations(world);
  expect(processes.map(({ status, phase }) => ({ status, phase }))).toEqual([{ status: 'completed', phase: 'completed' }]);
  expect(processes[0].steps).toEqual(FORWARD_STEPS.map((step) => expect.objectContaining({ step, error: null })));
  // A command whose step a signal ended (recalculate-dashboards) may be re-sent after a kill and answered after the process completed.
  await until(async () => (await commandsOf(world, processes[0].id)).every(({ status }) => status !== 'pending'), 60_000, () => describeProcesses(world));
  expect(await commandsOf(world, processes[0].id)).toEqual(FORWARD_COMMANDS.map((name) => ({ name, status: 'succeeded' })));
  expect(await countryEvents(world)).toEqual(['CountryRegistered', 'CountryDeactivated']);
  // The deactivation is the only event the whole log gained: no step wrote one, none twice.
  expect(await eventCount(world)).toBe(eventsBefore + 1);
  expect(await noticesRecorded(world)).toEqual(['country-deactivated']);
  await until(async () => noticesReceived(webhook).length > 0, 60_000, async () => JSON.stringify(webhook.posts.map((post) => post.body.text)));
  expect(noticesReceived(webhook)).toEqual([expect.stringContaining(`Country ${DEACTIVATED} deactivated`)]);
  await waitUntilQuiet(world, url);
  expect(await dashboards(url)).toEqual(expectedDashboards(facts, true));
}

describe('fault: the app is killed (SIGKILL) after each step of a country deactivation and restarted', () => {
  const webhook = new WebhookReceiver();
  let world: FaultWorld;
  let app: AppProcess;
  let facts: RecordedFact[];
  let eventsBefore: number;

  beforeAll(async () => {
    await webhook.start();
    world = await FaultWorld.create();
    app = await world.startApp('instance', processSettings(webhook));
    facts = await recordFacts(app.url);
    await waitUntilQuiet(world, app.url);
    expect(await dashboards(app.url)).toEqual(expectedDashboards(facts, false));
    eventsBefore = await eventCount(world);
    world.mark('facts recorded');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await world?.cleanUp();
    await webhook.stop();
  }, FAULT_TEST_TIMEOUT_MS);

  it('completes the process exactly once: one archive, one notice, no step or event twice', async () => {
    await deactivate(app.url);
    const killedAt: string[] = [];
    let seen = 0;
    // Each time the process has taken a step (a new version committed), the instance dies before
    // it can take the next, and a new one carries on from PostgreSQL.
    for (;;) {
      await until(
        async () => ((await deactivations(world))[0]?.version ?? 0) > seen,
        180_000,
        () => describeProcesses(world),
        5,
      );
      const [process] = await deactivations(world);
      if (process.status !== 'running') break;
      await app.kill();
      killedAt.push(`${process.phase}@${process.version}`);
      seen = process.version;
      await app.restart();
    }
    world.mark(`killed in ${killedAt.join(', ')}`);

    // Where the kills land depends on timing: a step as quick as the notice (one insert) can be
    // taken between two looks, on the restarted instance, before a kill lands; so: most steps, not every one.
    const phases = new Set(killedAt.map((at) => at.split('@')[0]));
    expect([...phases].every((phase) => ['archiving', 'refreshing-caches', 'recalculating', 'notifying'].includes(phase))).toBe(true);
    expect(phases.size).toBeGreaterThanOrEqual(3);
    await expectCompletedOnce(world, webhook, app.url, facts, eventsBefore);
  }, FAULT_TEST_TIMEOUT_MS);
});

describe('fault: two instances run one country deactivation between them', () => {
  const webhook = new WebhookReceiver();
  let world: FaultWorld;
  let first: AppProcess;
  let second: AppProcess;
  let facts: RecordedFact[];
  let eventsBefore: number;

  beforeAll(async () => {
    await webhook.start();
    world = await FaultWorld.create();
    first = await world.startApp('first', processSettings(webhook));
    second = await world.startApp('second', processSettings(webhook));
    facts = await recordFacts(first.url);
    await waitUntilQuiet(world, second.url);
    eventsBefore = await eventCount(world);
    world.mark('two instances, facts recorded');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await world?.cleanUp();
    await webhook.stop();
  }, FAULT_TEST_TIMEOUT_MS);

  it('executes each step once, and both instances refreshed their caches for it', async () => {
    await deactivate(second.url);
    await until(async () => (await deactivations(world))[0]?.status === 'completed', 180_000, () => describeProcesses(world));
    world.mark('completed');

    // The refresh step asked every live instance: one request each, done by it (told apart by pid).
    const refreshed = await world.db.query<{ pid: number; done: boolean }>(
      `select i.pid, r.done_at is not null as done from app_instance_request r join app_instance i on i.scope = r.scope and i.id = r.instance_id
       where r.scope = $1 order by i.pid`,
      [world.brokerPrefix],
    );
    expect(refreshed.rows).toEqual([first.pid, second.pid].sort((a, b) => a - b).map((pid) => ({ pid, done: true })));

    await expectCompletedOnce(world, webhook, first.url, facts, eventsBefore);
    // Both instances answer the same dashboards.
    expect(await dashboards(second.url)).toEqual(expectedDashboards(facts, true));
  }, FAULT_TEST_TIMEOUT_MS);
});

/**
 * Elasticsearch (this test's own node, stopped and started by its script, never the shared one)
 * is down when the country is deactivated and stays down until the deadline passes: the archive
 * cannot be done, the deadline turns the process to compensation, and once the node is back the
 * country is active, counted in every dashboard again, and administrators are told what failed.
 */
describe('fault: Elasticsearch is stopped until the deactivation deadline passes', () => {
  const DEADLINE_MS = 90_000;
  const webhook = new WebhookReceiver();
  let elasticsearch: PrivateNode;
  let world: FaultWorld;
  let app: AppProcess;
  let facts: RecordedFact[];

  beforeAll(async () => {
    await webhook.start();
    elasticsearch = await privateElasticsearch();
    await elasticsearch.start();
    world = await FaultWorld.create({ esUrl: elasticsearch.url });
    world.mark('private elasticsearch up, world created');
    // Attempts enough that the outage outlasts the deadline rather than the command's attempts.
    app = await world.startApp('instance', processSettings(webhook, { COUNTRY_DEACTIVATION_DEADLINE_MS: String(DEADLINE_MS) }));
    facts = await recordFacts(app.url);
    await waitUntilQuiet(world, app.url);
    world.mark('facts recorded');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await elasticsearch?.start();
    await world?.cleanUp();
    await elasticsearch?.remove();
    await webhook.stop();
  }, FAULT_TEST_TIMEOUT_MS);

  it('undoes the deactivation: the country active and counted in every dashboard again, administrators told of the failure', async () => {
    await elasticsearch.stop();
    world.mark('elasticsearch stopped');
    await deactivate(app.url);
    await until(async () => (await deactivations(world))[0]?.status === 'compensating', DEADLINE_MS + 60_000, () => describeProcesses(world), 500);
    world.mark('deadline passed: compensating');
    await elasticsearch.start();
    world.mark('elasticsearch restarted');
    await until(async () => !['running', 'compensating'].includes((await deactivations(world))[0]?.status ?? 'running'), DEADLINE_MS + 60_000, () => describeProcesses(world), 500);
    world.mark('process ended');

    const [process] = await deactivations(world);
    expect({ status: process.status, phase: process.phase }).toEqual({ status: 'compensated', phase: 'compensated' });
    expect(process.steps.map(({ step }) => step)).toEqual(['archive-facts', 'reactivate-country', 'restore-facts', 'recalculate-dashboards-back', 'notify-failure']);
    expect(process.steps[0].error).toMatch(new RegExp(`^not done within ${DEADLINE_MS} ms \\(in step archive-facts\\)$`));
    expect(await countryEvents(world)).toEqual(['CountryRegistered', 'CountryDeactivated', 'CountryActivated']);
    expect((await world.db.query('select active from country where key = $1', [DEACTIVATED])).rows).toEqual([{ active: true }]);
    expect(await noticesRecorded(world)).toEqual(['country-deactivation-undone']);
    await until(async () => noticesReceived(webhook).length > 0, 60_000, async () => JSON.stringify(webhook.posts.map((post) => post.body.text)));
    expect(noticesReceived(webhook)).toEqual([expect.stringContaining(`Deactivation of country ${DEACTIVATED} failed and was undone`)]);
    await waitUntilQuiet(world, app.url);
    expect(await dashboards(app.url)).toEqual(expectedDashboards(facts, false));
  }, FAULT_TEST_TIMEOUT_MS);
});
