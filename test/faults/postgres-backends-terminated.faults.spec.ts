import type { AppProcess } from '../support/app-process';
import { expectFaultSurvived } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld, HARNESS_APPLICATION_NAME } from '../support/fault-world';
import { WriteLoad } from '../support/write-load';

/**
 * Every PostgreSQL backend of the instance is terminated in the middle of a write load, twice:
 * its pool, the relay's lease session and its LISTEN session. The world's database is the child's
 * own, so "every backend of that database but the harness's" is exactly the child's.
 */
describe('fault: the app\'s PostgreSQL backends are terminated mid-load', () => {
  let world: FaultWorld;
  let app: AppProcess;

  beforeAll(async () => {
    world = await FaultWorld.create();
    app = await world.startApp('instance');
    world.mark('started');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await world?.cleanUp();
  }, FAULT_TEST_TIMEOUT_MS);

  const terminateChildBackends = async (): Promise<number> => {
    const { rows } = await world.db.query<{ terminated: number }>(
      `select count(*) filter (where pg_terminate_backend(pid))::int as terminated from pg_stat_activity
       where datname = $1 and pid <> pg_backend_pid() and application_name <> $2`,
      [world.database, HARNESS_APPLICATION_NAME],
    );
    return rows[0].terminated;
  };

  it('keeps every acknowledged write exactly once, and the read model equal to a rebuild and to SQL', async () => {
    const load = new WriteLoad(() => [app.url], world.db);
    load.start();
    try {
      for (let round = 0; round < 2; round++) {
        await load.untilAcked(100);
        const terminated = await terminateChildBackends();
        // At least the relay's lease and LISTEN sessions and one pooled connection.
        expect(terminated).toBeGreaterThanOrEqual(3);
        world.mark(`terminated ${terminated} backends`);
      }
      await load.untilAcked(100);
    } finally {
      await load.stop();
    }

    await expectFaultSurvived(world, load, app.url, () => app.stop());
  }, FAULT_TEST_TIMEOUT_MS);
});
