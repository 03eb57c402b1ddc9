import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'amqplib';
import type { Pool } from 'pg';
import type { AppConfig } from '../../src/config/app-config';
import { Period } from '../../src/kernel/period';
import { CustomsImportService, workQueueName } from '../../src/modules/customs-import';
import { startTestApp, stopTestApp } from '../support/test-app';
import { uniqueName } from '../support/test-config';

// The job service as the schedule's starter, on the real PostgreSQL: a firing key starts one
// import however often (and however concurrently) it is fired. The workers are off, so the
// imports stay requested; the test deletes its rows and the work queues it declared.

describe('CustomsImportService.startScheduled', () => {
  let app: NestFastifyApplication;
  let db: Pool;
  let config: AppConfig;
  let service: CustomsImportService;
  const keys: string[] = [];

  beforeAll(async () => {
    ({ app, db, config } = await startTestApp({ CUSTOMS_SERVICE_KEY: 'Scheduled/Int+Key==' }));
    service = app.get(CustomsImportService);
  });

  afterAll(async () => {
    await db.query('delete from customs_import where firing_key = any($1)', [keys]);
    await stopTestApp({ app, db });
    const connection = await connect(config.RABBITMQ_URL);
    const channel = await connection.createChannel();
    for (const step of ['request', 'fetch', 'process'] as const) await channel.deleteQueue(workQueueName(config.BROKER_PREFIX, step));
    await connection.close();
  });

  function aFiring() {
    const occurrence = new Date('2026-11-15T21:00:00.000Z');
    const firingKey = `${uniqueName('customs-import')}@${occurrence.toISOString()}`;
    keys.push(firingKey);
    return { month: Period.parse('2026-10'), occurrence, firingKey };
  }

  async function importsOf(firingKey: string): Promise<{ id: string; first_month: string; last_month: string; hs_prefixes: string[] | null; requested_by: string }[]> {
    const { rows } = await db.query('select id, first_month, last_month, hs_prefixes, requested_by from customs_import where firing_key = $1', [firingKey]);
    return rows;
  }

  it('given a firing, when started, then one import of every chapter of its month, requested by the schedule', async () => {
    const firing = aFiring();

    const { importId } = await service.startScheduled(firing);

    expect(await importsOf(firing.firingKey)).toEqual([{ id: importId, first_month: '2026-10', last_month: '2026-10', hs_prefixes: null, requested_by: 'schedule' }]);
  });

  it('given a firing already started, when started again, then the same import answers and nothing new is stored', async () => {
    const firing = aFiring();
    const first = await service.startScheduled(firing);

    const again = await service.startScheduled(firing);

    expect(again).toEqual(first);
    expect(await importsOf(firing.firingKey)).toHaveLength(1);
  });

  it('given the same firing started by several claimers at once, then one import, and every claimer answers it', async () => {
    const firing = aFiring();

    const answers = await Promise.all(Array.from({ length: 5 }, () => service.startScheduled(firing)));

    const stored = await importsOf(firing.firingKey);
    expect(stored).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.importId))).toEqual(new Set([stored[0].id]));
  });
});
