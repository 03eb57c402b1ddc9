import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { testConfig } from '../../../test/support/test-config';
import { readAfter } from './event-log-tail';
import { cursorOf, type LogCursor } from './log-cursor';

/**
 * The relay's read against the real PostgreSQL, where the order must be numeric: positions that
 * cross a power of ten ('999...' then '1000...') are the case a text sort gets wrong, and then the
 * cursor jumps over unread rows.
 */
describe('reading the log after a cursor (int)', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const streamPrefix = `statistic:XR-${randomUUID().slice(0, 8)}`;
  // Far above the identity sequence, so no other row can take these positions.
  const positions = Array.from({ length: 12 }, (_, i) => String(9_999_999_994n + BigInt(i)));
  let start: LogCursor;

  beforeAll(async () => {
    const client = await db.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
      start = { transactionId: rows[0].xid, position: '0' };
      await client.query(
        `insert into event_log (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
         overriding system value
         select p, gen_random_uuid(), $2, v, 'ExportStatisticRecorded', 1, '{}', '{"correlationId":"t","causationId":null,"actor":"t"}', now()
         from unnest($1::bigint[]) with ordinality as r(p, v)`,
        [positions, `${streamPrefix}-1-2026-01`],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await db.query('delete from event_log where stream_id like $1', [`${streamPrefix}-%`]);
    await db.end();
  });

  it('returns every row once, in numeric (transaction id, position) order, across a power of ten', async () => {
    const client = await db.connect();
    const seen: string[] = [];
    try {
      let cursor = start;
      for (let reads = 0; reads < 20 && seen.length < positions.length; reads++) {
        const events = (await readAfter(client, cursor, 5)).filter((event) => event.transactionId === start.transactionId);
        if (events.length === 0) break;
        seen.push(...events.map((event) => event.position));
        cursor = cursorOf(events[events.length - 1]);
      }
    } finally {
      client.release();
    }

    expect(seen).toEqual(positions);
  });
});
