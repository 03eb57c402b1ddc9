import type { AppProcess } from '../support/app-process';
import { expectFaultSurvived } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { privateElasticsearch, type PrivateNode } from '../support/private-services';
import { WriteLoad } from '../support/write-load';

/**
 * Elasticsearch stops in the middle of a write load and starts again later: writes go on (they
 * need only PostgreSQL), the consumers retry the outage without parking anything, and catch up.
 * The node is this test's own (scripts/elasticsearch.sh on a free port with its own data
 * directory), stopped by the script, which stops only the pid it started: the shared node on 9200
 * is never touched.
 */
describe('fault: Elasticsearch is stopped and restarted mid-load', () => {
  let elasticsearch: PrivateNode;
  let world: FaultWorld;
  let app: AppProcess;

  beforeAll(async () => {
    elasticsearch = await privateElasticsearch();
    await elasticsearch.start();
    world = await FaultWorld.create({ esUrl: elasticsearch.url });
    world.mark('private elasticsearch up, world created');
    app = await world.startApp('instance');
    world.mark('started');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await elasticsearch?.start();
    await world?.cleanUp();
    await elasticsearch?.remove();
  }, FAULT_TEST_TIMEOUT_MS);

  it('keeps every acknowledged write exactly once, and the read model equal to a rebuild and to SQL', async () => {
    const load = new WriteLoad(() => [app.url], world.db);
    load.start();
    try {
      await load.untilAcked(100);
      await elasticsearch.stop();
      world.mark('elasticsearch stopped');
      // Writes are acknowledged while the read model is down.
      await load.untilAcked(100);
      await elasticsearch.start();
      world.mark('elasticsearch restarted');
      await load.untilAcked(100);
    } finally {
      await load.stop();
    }

    await expectFaultSurvived(world, load, app.url, () => app.stop());
  }, FAULT_TEST_TIMEOUT_MS);
});
