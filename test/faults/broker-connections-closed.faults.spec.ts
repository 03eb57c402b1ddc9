import type { AppProcess } from '../support/app-process';
import { closeConnections, connectionsNamed } from '../support/broker-control';
import { expectFaultSurvived } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { WriteLoad } from '../support/write-load';

/**
 * The broker closes the instance's connections (consumers, relay publisher, watermarks) in the
 * middle of a write load, twice: the relay republishes from its checkpoint, the consumers
 * reconnect, redeliveries are recognised. Only connections named by this test's child process
 * (its broker prefix and pid) are closed; every other connection on the shared broker is left alone.
 */
describe('fault: the broker closes the app\'s connections mid-load', () => {
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

  const ownConnections = async () => (await connectionsNamed(`${world.brokerPrefix} `)).filter((connection) => connection.name.endsWith(`:${app.pid}`));

  it('keeps every acknowledged write exactly once, and the read model equal to a rebuild and to SQL', async () => {
    const load = new WriteLoad(() => [app.url], world.db);
    load.start();
    try {
      for (let round = 0; round < 2; round++) {
        await load.untilAcked(100);
        const connections = await ownConnections();
        expect(connections.map((connection) => connection.name.split(' ')[1]).sort()).toEqual(expect.arrayContaining(['consumers', 'relay']));
        await closeConnections(connections, 'fault suite: closing the connections of its own child process');
        world.mark(`closed ${connections.length} connections`);
      }
      await load.untilAcked(100);
    } finally {
      await load.stop();
    }

    await expectFaultSurvived(world, load, app.url, () => app.stop());
  }, FAULT_TEST_TIMEOUT_MS);
});
