import 'reflect-metadata';
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { loadConfig } from '../../src/config/app-config';
import { ExportStatisticRecord, ExportStatisticSchema } from '../../src/modules/statistics/infrastructure/export-statistic.entity';
import { OrmSqlPool } from '../../src/platform/database/pg-pool';
import { mikroOrmOptions } from '../../src/platform/database/mikro-orm.options';
import { AggregateStore } from '../../src/platform/event-log/aggregate-store';
import { EventLogEntrySchema } from '../../src/platform/event-log/event-log-entry.entity';
import { LogDoorbell } from '../../src/platform/event-log/log-doorbell';
import { BENCH_DATABASE_URL } from '../support/bench-database';
import { benchStatistic } from '../support/bench-keys';
import { envInt, perSecond, runConcurrently } from '../support/stats';

/**
 * ADR 0002's question, measured: the same write (a new statistic's row and its Recorded event) by
 * MikroORM's unit of work (persist both, one flush: begin, two inserts, commit) and by
 * AggregateStore's one statement, 8 callers each, on the bench database after `npm run bench -- write`.
 * `node -r ts-node/register/transpile-only bench/probes/unit-of-work.probe.ts`
 */
class WritableLogEntry {
  position?: string;
  eventId!: string;
  streamId!: string;
  streamVersion!: number;
  type!: string;
  schemaVersion!: number;
  data!: object;
  metadata!: object;
  occurredAt!: Date;
}

const WritableLogSchema = new EntitySchema<WritableLogEntry>({
  class: WritableLogEntry,
  tableName: 'event_log',
  properties: {
    position: { type: new BigIntType('string'), primary: true, autoincrement: true },
    eventId: { type: 'uuid' },
    streamId: { type: 'text' },
    streamVersion: { type: 'integer' },
    type: { type: 'text' },
    schemaVersion: { type: 'smallint' },
    data: { type: 'json' },
    metadata: { type: 'json' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

const METADATA = { correlationId: 'probe', causationId: null, actor: 'probe' };

async function main(): Promise<void> {
  const total = envInt('PROBE_COMMANDS', 10_000);
  const config = loadConfig({ ...process.env, DATABASE_URL: BENCH_DATABASE_URL });
  // Two ORMs: the log may be mapped only once per ORM, writable here, read-only (as in the service) there.
  const orm = await MikroORM.init({ ...mikroOrmOptions(config), entities: [ExportStatisticSchema, WritableLogSchema] });
  const service = await MikroORM.init({ ...mikroOrmOptions(config), entities: [ExportStatisticSchema, EventLogEntrySchema] });
  const pool = OrmSqlPool.of(service);
  const store = new AggregateStore(pool, new LogDoorbell(pool), service);
  const at = new Date();
  const row = (i: number, salt: number) => {
    const { countryCode, hsCode, period, valueUsd, weightKg } = benchStatistic(i, salt);
    const [year, month] = period.split('-').map(Number);
    const key = `${countryCode}-${hsCode}-${period}`;
    return { key, countryCode, hsCode, year, month, valueUsd: `${valueUsd}.00`, weightKg: `${weightKg}.000`, status: 'active' as const, version: 1, updatedAt: at };
  };
  const event = (key: string) => ({ type: 'ExportStatisticRecorded', schemaVersion: 1, data: { key } });
  try {
    for (const round of [1, 2]) {
      const salt = 1000 + round * 10;
      const unitOfWork = await runConcurrently(total, 8, async (i) => {
        const em = orm.em.fork();
        const record = em.create(ExportStatisticRecord, row(i, salt));
        const logged = em.create(WritableLogEntry, { eventId: uuidv7(), streamId: `statistic:${record.key}`, streamVersion: 1, ...event(record.key), metadata: METADATA, occurredAt: at });
        em.persist([record, logged]);
        await em.flush();
      });
      const oneStatement = await runConcurrently(total, 8, async (i) => {
        const r = row(i, salt + 1);
        await store.save(ExportStatisticRecord, { streamId: `statistic:${r.key}`, expectedVersion: 0, row: r, events: [event(r.key)] }, METADATA, at);
      });
      console.log(`round ${round}: unit of work ${perSecond(total, unitOfWork.elapsedMs)}, one statement ${perSecond(total, oneStatement.elapsedMs)}`);
    }
  } finally {
    await orm.close();
    await service.close();
  }
}

void main();
