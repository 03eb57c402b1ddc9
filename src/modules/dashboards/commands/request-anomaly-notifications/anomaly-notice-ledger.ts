import type { SqlPool, SqlPoolClient } from '../../../../platform/database/pg-pool';
import { inTransaction } from '../../../../platform/database/pg-transaction';
import { NOTIFICATION_REQUESTED, type NotificationRequestedV1 } from '../../../notifications/notifications.contract';
import { NEVER_NOTICED, type NoticeEntry } from '../../domain/anomaly-notice';

/** One alert's new entry, and the request to append when it opened. */
export interface NoticeChange {
  readonly id: string;
  readonly entry: NoticeEntry;
  readonly request: NotificationRequestedV1 | null;
}

/**
 * The anomaly_notice rows of one read model (migration 20261209003000) and the requests they
 * lead to. A change is made under the rows' locks, and its NotificationRequested is appended to
 * the event log in the same transaction: the relay brings it to the notifications queue exactly
 * when the row says it was asked for.
 */
export class AnomalyNoticeLedger {
  constructor(
    private readonly pool: SqlPool,
    private readonly prefix: string,
  ) {}

  /** The entries of `ids` as they stand, without locking (alerts never noticed are absent). */
  async entries(ids: readonly string[]): Promise<Map<string, NoticeEntry>> {
    const { rows } = await this.pool.query<{ alert_id: string; open: boolean; opening: number }>(
      'select alert_id, open, opening from anomaly_notice where index_prefix = $1 and alert_id = any($2::text[])',
      [this.prefix, ids],
    );
    return new Map(rows.map((row) => [row.alert_id, { open: row.open, opening: row.opening }]));
  }

  /**
   * Locks the entries of `ids` (creating those never noticed), lets `decide` say what they become,
   * and writes that with its requests, in one transaction. Locks are taken in id order, so two
   * instances deciding on overlapping alerts wait for each other instead of deadlocking.
   */
  async change(ids: readonly string[], decide: (locked: ReadonlyMap<string, NoticeEntry>) => Promise<NoticeChange[]>): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        'insert into anomaly_notice (index_prefix, alert_id) select $1, unnest($2::text[]) order by 2 on conflict do nothing',
        [this.prefix, ids],
      );
      const { rows } = await client.query<{ alert_id: string; open: boolean; opening: number }>(
        'select alert_id, open, opening from anomaly_notice where index_prefix = $1 and alert_id = any($2::text[]) order by alert_id for update',
        [this.prefix, ids],
      );
      const locked = new Map(rows.map((row) => [row.alert_id, { open: row.open, opening: row.opening }]));
      const changes = (await decide(locked)).filter(({ id, entry }) => !sameEntry(locked.get(id) ?? NEVER_NOTICED, entry));
      await this.write(client, changes);
      return changes.filter((change) => change.request !== null).length;
    });
  }

  private async write(client: SqlPoolClient, changes: readonly NoticeChange[]): Promise<void> {
    if (changes.length === 0) return;
    await client.query(
      `update anomaly_notice n set open = c.open, opening = c.opening, updated_at = now()
       from unnest($2::text[], $3::boolean[], $4::int[]) as c(alert_id, open, opening)
       where n.index_prefix = $1 and n.alert_id = c.alert_id`,
      [this.prefix, changes.map((c) => c.id), changes.map((c) => c.entry.open), changes.map((c) => c.entry.opening)],
    );
    const requests = changes.flatMap((c) => (c.request ? [{ ...c, request: c.request }] : []));
    if (requests.length === 0) return;
    // Stream version = the opening: an opening can be asked for once, whatever happens to the row.
    await client.query(
      `insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
       select gen_random_uuid(), r.stream_id, r.opening, $1, 1, r.data, jsonb_build_object('correlationId', r.stream_id || '@' || r.opening, 'causationId', null, 'actor', 'system:alerts'), now()
       from unnest($2::text[], $3::int[], $4::jsonb[]) as r(stream_id, opening, data)
       on conflict (stream_id, stream_version) do nothing`,
      [
        NOTIFICATION_REQUESTED,
        requests.map((c) => streamOf(this.prefix, c.id)),
        requests.map((c) => c.entry.opening),
        requests.map((c) => JSON.stringify(c.request)),
      ],
    );
  }

  /** For tests that use a prefix of their own: the rows, and the requests appended for them. */
  async deleteAll(): Promise<void> {
    await this.pool.query('delete from anomaly_notice where index_prefix = $1', [this.prefix]);
    await this.pool.query('delete from event_log where stream_id like $1', [`${streamOf(this.prefix, '')}%`]);
  }
}

function streamOf(prefix: string, alertId: string): string {
  return `anomaly-notice:${prefix}/${alertId}`;
}

function sameEntry(a: NoticeEntry, b: NoticeEntry): boolean {
  return a.open === b.open && a.opening === b.opening;
}
