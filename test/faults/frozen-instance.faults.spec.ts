import type { AppProcess } from '../support/app-process';
import { activeConsumers } from '../support/broker-control';
import { expectFaultSurvived, waitUntilQuiet } from '../support/fault-audit';
import { FAULT_TEST_TIMEOUT_MS, FaultWorld } from '../support/fault-world';
import { WriteLoad } from '../support/write-load';

/**
 * A frozen instance (SIGSTOP) loses its shard queues to a healthy one: it stops answering the
 * broker's heartbeats (AMQP_HEARTBEAT_S, 2 s here), the broker closes its connection, and each
 * single-active-consumer queue activates the other instance's consumer. The frozen instance
 * consumed every queue when it froze; the read model reaches the log's head while it is still
 * frozen. If it froze inside a summary flush, its transaction holds marks the healthy instance's
 * flush waits for, until PostgreSQL ends it (DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, 10 s here). Then it thaws (SIGCONT) and finds its connection gone, and the read model still ends
 * equal to a rebuild and to SQL.
 */
describe('fault: a frozen instance (SIGSTOP) loses its queues to a healthy one', () => {
  let world: FaultWorld;
  let frozen: AppProcess;
  let healthy: AppProcess;

  beforeAll(async () => {
    world = await FaultWorld.create();
    // Started first, it becomes the active consumer of every queue; the relay runs in the other.
    const idleTransactions = { DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '10000' };
    frozen = await world.startApp('instance to freeze', { ...idleTransactions, RELAY_ENABLED: 'false' });
    healthy = await world.startApp('healthy instance', idleTransactions);
    world.mark('started');
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await world?.cleanUp();
  }, FAULT_TEST_TIMEOUT_MS);

  const consumersOf = async (app: AppProcess) => {
    const active = await activeConsumers(`${world.brokerPrefix}.`);
    return { queues: active.size, ofApp: [...active.values()].filter((name) => name.endsWith(`:${app.pid}`)).length };
  };

  it('hands its queues to the healthy instance, which brings the read model to the head while it stays frozen', async () => {
    // Four shards, the reference queue, the notifications queue and the processes' queue.
    expect(await consumersOf(frozen)).toEqual({ queues: 7, ofApp: 7 });
    const load = new WriteLoad(() => [healthy.url], world.db);
    load.start();
    try {
      await load.untilAcked(100);
      frozen.signal('SIGSTOP');
      world.mark('frozen');
      await load.untilAcked(100);
    } finally {
      await load.stop();
    }
    await waitUntilQuiet(world, healthy.url);
    world.mark('quiet with the instance frozen');
    expect(await consumersOf(healthy)).toEqual({ queues: 7, ofApp: 7 });

    frozen.signal('SIGCONT');
    await frozen.waitReady();
    world.mark('thawed');
    await expectFaultSurvived(world, load, healthy.url, async () => {
      await frozen.stop();
      await healthy.stop();
    });
  }, FAULT_TEST_TIMEOUT_MS);
});
