import type { SqlPool as Pool } from '../../database/pg-pool';
import type { ParkReason } from '../park-reason';

export interface ParkedKeyView {
  readonly key: string;
  readonly queue: string;
  readonly reason: ParkReason;
  readonly parkedAt: Date;
  readonly messageCount: number;
}

export interface ParkedMessageView {
  readonly sequence: string;
  readonly messageId: string;
  readonly reason: ParkReason;
  readonly attempts: number;
  readonly errors: string[];
  readonly type: string | null;
  readonly streamVersion: number | null;
  readonly routingKey: string;
  readonly queue: string;
  readonly parkedAt: Date;
  /** The envelope as JSON text when the body was readable, else the raw body (non-printable bytes escaped). */
  readonly body: string;
}

/** Read side of the parking store, for operators (GraphQL and CLI). */
export class ParkingQueries {
  constructor(
    private readonly pool: Pool,
    private readonly scope: string,
  ) {}

  async keys(limit: number, key?: string): Promise<ParkedKeyView[]> {
    const { rows } = await this.pool.query<ParkedKeyView>(
      `select k.key, k.queue, k.reason, k.parked_at as "parkedAt",
              (select count(*) from parked_message m where m.scope = k.scope and m.key = k.key)::int as "messageCount"
       from parked_key k
       where k.scope = $1 and ($3::text is null or k.key = $3)
       order by k.parked_at, k.key
       limit $2`,
      [this.scope, limit, key ?? null],
    );
    return rows;
  }

  async messages(key: string, limit: number): Promise<ParkedMessageView[]> {
    const { rows } = await this.pool.query<ParkedMessageView>(
      `select seq::text as sequence, message_id as "messageId", reason, attempts,
              array(select jsonb_array_elements_text(errors)) as errors,
              envelope->>'type' as type, (envelope->>'streamVersion')::int as "streamVersion",
              routing_key as "routingKey", queue, parked_at as "parkedAt",
              coalesce(envelope::text, encode(body, 'escape')) as body
       from parked_message where scope = $1 and key = $2
       order by parked_message.seq limit $3`,
      [this.scope, key, limit],
    );
    return rows;
  }
}
