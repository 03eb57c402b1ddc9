import type { AppProcess } from '../support/app-process';
import { expectFaultSurvived } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { WriteLoad } from '../support/write-load';

/**
 * kill -9 of the only instance in the middle of a write load, then a restart: whatever it had
 * acknowledged is in the log once, what it had not published yet is published by the restarted
 * relay from its checkpoint, and the read model ends equal to a rebuild and to SQL.
 */
describe('fault: the app is killed (SIGKILL) mid-load and restarted', () => {
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

  it('keeps every acknowledged write exactly once, and the read model equal to a rebuild and to SQL', async () => {
    const load = new WriteLoad(() => (app.running ? [app.url] : []), world.db);
    load.start();
    try {
      await load.untilAcked(200);
      await app.kill();
      world.mark('killed');
      await app.restart();
      world.mark('restarted');
      await load.untilAcked(200);
    } finally {
      await load.stop();
    }

    await expectFaultSurvived(world, load, app.url, () => app.stop());
  }, FAULT_TEST_TIMEOUT_MS);
});
