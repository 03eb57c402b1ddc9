import type { AppProcess } from '../support/app-process';
import { expectFaultSurvived } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { WriteLoad } from '../support/write-load';

/**
 * Two instances, each with a relay; the one holding the relay's lease is killed (SIGKILL) in the
 * middle of a write load spread over both. The standby takes the lease over once the owner's
 * heartbeat is older than the lease timeout, and publishes from the checkpoint.
 */
describe('fault: the relay\'s lease holder is killed beside a standby', () => {
  let world: FaultWorld;
  let instances: AppProcess[];

  beforeAll(async () => {
    world = await FaultWorld.create();
    instances = [await world.startApp('instance a'), await world.startApp('instance b')];
    world.mark('started');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await world?.cleanUp();
  }, FAULT_TEST_TIMEOUT_MS);

  const leaseHolder = async (): Promise<number | null> =>
    (await world.db.query<{ pid: number }>('select process_id as pid from relay_lease where name = $1', [world.relayName])).rows[0]?.pid ?? null;

  it('keeps every acknowledged write exactly once, and the read model equal to a rebuild and to SQL', async () => {
    const load = new WriteLoad(() => instances.filter((app) => app.running).map((app) => app.url), world.db);
    load.start();
    let survivor: AppProcess;
    try {
      await load.untilAcked(200);
      const holderPid = await leaseHolder();
      const holder = instances.find((app) => app.pid === holderPid);
      expect(holder).toBeDefined();
      survivor = instances.find((app) => app !== holder)!;
      await holder!.kill();
      world.mark('lease holder killed');
      await load.untilAcked(200);
    } finally {
      await load.stop();
    }

    await expectFaultSurvived(world, load, survivor.url, async () => {
      expect(await leaseHolder()).toBe(survivor.pid);
      await survivor.stop();
    });
  }, FAULT_TEST_TIMEOUT_MS);
});
