import { Inject, Injectable } from '@nestjs/common';
import { DatabaseError, type Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { PG_POOL } from '../database/pg-pool';
import { insertOneSql, saveManySql, updateOneSql } from './aggregate-store.sql';
import type { EventMetadata, PendingEvent, WriteResult } from './event-log.types';
import { GroupCommit } from './group-commit';
import { LogDoorbell } from './log-doorbell';
import { columnNames, type SnapshotRow, type SnapshotTable } from './snapshot-table';

/** One aggregate's change: its state after the change and the events that led there. */
export interface AggregateChange<TRow extends SnapshotRow> {
  readonly streamId: string;
  /** The version the decision was made on; 0 means the stream must not exist yet. */
  readonly expectedVersion: number;
  readonly row: TRow;
  readonly events: readonly PendingEvent[];
}

/** The stream moved on (or already exists) since the caller read it. */
export class StreamVersionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} is not at version ${expectedVersion}`);
    this.name = 'StreamVersionConflict';
  }
}

/** Raised by event_log_expect_saved when a multi-change write's counts do not add up. */
const LOST_RACE_SQLSTATE = 'EL001';

interface Write<TRow extends SnapshotRow> {
  readonly change: AggregateChange<TRow>;
  readonly metadata: EventMetadata;
  readonly occurredAt: Date;
}

interface Statements {
  readonly insert: string;
  readonly update: string;
  readonly many: string;
}

/**
 * Persists aggregates as a snapshot row plus their new events in the event log, atomically.
 * The log is the outbox: the relay publishes from it, so nothing here talks to the broker.
 * Event ids are UUIDv7, so the log's unique index on them grows at its right edge.
 */
@Injectable()
export class AggregateStore {
  private readonly statements = new WeakMap<object, Statements>();
  private readonly groups = new WeakMap<object, GroupCommit<Write<SnapshotRow>, WriteResult>>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly doorbell: LogDoorbell,
  ) {}

  async load<TRow extends SnapshotRow>(table: SnapshotTable<TRow>, key: string): Promise<TRow | null> {
    const { rows } = await this.pool.query<TRow>({
      name: `load-${table.name}`,
      text: `select ${columnNames(table).join(', ')} from ${table.name} where ${table.key} = $1`,
      values: [key],
    });
    return rows[0] ?? null;
  }

  async loadMany<TRow extends SnapshotRow>(table: SnapshotTable<TRow>, keys: readonly string[]): Promise<TRow[]> {
    const { rows } = await this.pool.query<TRow>({
      name: `load-many-${table.name}`,
      text: `select ${columnNames(table).join(', ')} from ${table.name} where ${table.key} = any($1::text[])`,
      values: [keys],
    });
    return rows;
  }

  /**
   * Saves one change; it is durable when the promise resolves. Concurrent saves to the same table
   * are group-committed: those that queue while a write is in flight go together in one
   * statement and one commit, and each still succeeds or fails on its own.
   */
  async save<TRow extends SnapshotRow>(
    table: SnapshotTable<TRow>,
    change: AggregateChange<TRow>,
    metadata: EventMetadata,
    occurredAt: Date,
  ): Promise<WriteResult> {
    if (change.events.length === 0) return this.unchanged(table, change);
    assertVersions(change);
    return this.groupFor(table).submit({ change, metadata, occurredAt });
  }

  /**
   * Saves many changes in one statement. If any change lost its race, nothing is kept and
   * StreamVersionConflict tells the caller to re-read and decide again.
   */
  async saveMany<TRow extends SnapshotRow>(
    table: SnapshotTable<TRow>,
    changes: readonly AggregateChange<TRow>[],
    metadata: EventMetadata,
    occurredAt: Date,
  ): Promise<{ position: string | null; saved: number }> {
    const effective = changes.filter((change) => change.events.length > 0);
    if (effective.length === 0) return { position: null, saved: 0 };
    effective.forEach(assertVersions);
    const results = await this.writeTogether(table, effective.map((change) => ({ change, metadata, occurredAt })));
    if (!results) throw new StreamVersionConflict(`${table.name} batch`, -1);
    const position = results.map((result) => BigInt(result.position)).reduce((a, b) => (a > b ? a : b));
    return { position: position.toString(), saved: effective.length };
  }

  private groupFor(table: SnapshotTable<SnapshotRow>): GroupCommit<Write<SnapshotRow>, WriteResult> {
    let group = this.groups.get(table);
    if (!group) {
      group = new GroupCommit({
        one: (write) => this.writeOne(table, write),
        together: (writes) => this.writeTogether(table, writes),
      });
      this.groups.set(table, group);
    }
    return group;
  }

  private async writeOne<TRow extends SnapshotRow>(table: SnapshotTable<TRow>, write: Write<TRow>): Promise<WriteResult> {
    const { change, metadata, occurredAt } = write;
    const creating = change.expectedVersion === 0;
    const { rows } = await this.lostRaceAsNull(table, this.pool.query<{ version: number | null; position: string | null }>({
      name: `${creating ? 'insert' : 'update'}-${table.name}`,
      text: creating ? this.statementsFor(table).insert : this.statementsFor(table).update,
      values: [
        ...columnNames(table).map((column) => change.row[column]),
        ...(creating ? [] : [change.expectedVersion]),
        change.streamId,
        JSON.stringify(metadata),
        occurredAt,
        change.events.map(() => uuidv7()),
        change.events.map((_, i) => change.expectedVersion + i + 1),
        change.events.map((event) => event.type),
        change.events.map((event) => event.schemaVersion),
        change.events.map((event) => JSON.stringify(event.data)),
      ],
    })) ?? { rows: [] };
    const [written] = rows;
    if (!written?.position || written.version === null) {
      throw new StreamVersionConflict(change.streamId, change.expectedVersion);
    }
    this.doorbell.ring();
    return { id: String(change.row[table.key]), version: written.version, position: written.position };
  }

  /** All the writes in one statement, or none of them (null) if any lost its race. */
  private async writeTogether<TRow extends SnapshotRow>(
    table: SnapshotTable<TRow>,
    writes: readonly Write<TRow>[],
  ): Promise<WriteResult[] | null> {
    const changes = writes.map((write) => write.change);
    const events = writes.flatMap(({ change, metadata, occurredAt }) =>
      change.events.map((event, i) => ({ change, event, version: change.expectedVersion + i + 1, metadata, occurredAt })),
    );
    const values: unknown[] = [
      ...columnNames(table).map((column) => changes.map((change) => change.row[column])),
      changes.map((change) => change.expectedVersion),
      events.map(() => uuidv7()),
      events.map(({ change }) => change.streamId),
      events.map(({ version }) => version),
      events.map(({ event }) => event.type),
      events.map(({ event }) => event.schemaVersion),
      events.map(({ event }) => JSON.stringify(event.data)),
      events.map(({ metadata }) => JSON.stringify(metadata)),
      events.map(({ occurredAt }) => occurredAt.toISOString()),
      changes.length,
    ];
    const written = await this.lostRaceAsNull(
      table,
      this.pool.query<{ heads: Record<string, string> }>({ name: `save-many-${table.name}`, text: this.statementsFor(table).many, values }),
    );
    if (!written) return null;
    const { heads } = written.rows[0];
    this.doorbell.ring();
    return changes.map((change) => ({ id: String(change.row[table.key]), version: change.row.version, position: heads[change.streamId] }));
  }

  private async unchanged<TRow extends SnapshotRow>(
    table: SnapshotTable<TRow>,
    change: AggregateChange<TRow>,
  ): Promise<WriteResult> {
    const { rows } = await this.pool.query<{ position: string }>({
      name: 'stream-head',
      text: `select position::text from event_log where stream_id = $1 order by stream_version desc limit 1`,
      values: [change.streamId],
    });
    return { id: String(change.row[table.key]), version: change.expectedVersion, position: rows[0]?.position ?? '0' };
  }

  /**
   * A concurrent creator shows up as the snapshot's primary key refusing the new row, or the log
   * refusing a (stream_id, stream_version) that exists: the same lost race as an update whose
   * version predicate matched nothing (which a multi-change write reports as SQLSTATE EL001).
   */
  private async lostRaceAsNull<TRow extends SnapshotRow, T>(table: SnapshotTable<TRow>, query: Promise<T>): Promise<T | null> {
    try {
      return await query;
    } catch (error) {
      if (!(error instanceof DatabaseError)) throw error;
      if (error.code === LOST_RACE_SQLSTATE) return null;
      if (error.constraint === `${table.name}_pkey` || error.constraint === 'event_log_stream_version_key') return null;
      throw error;
    }
  }

  private statementsFor<TRow extends SnapshotRow>(table: SnapshotTable<TRow>): Statements {
    let statements = this.statements.get(table);
    if (!statements) {
      statements = { insert: insertOneSql(table), update: updateOneSql(table), many: saveManySql(table) };
      this.statements.set(table, statements);
    }
    return statements;
  }
}

function assertVersions<TRow extends SnapshotRow>(change: AggregateChange<TRow>): void {
  const expected = change.expectedVersion + change.events.length;
  if (change.row.version !== expected) {
    throw new Error(`${change.streamId}: snapshot version ${change.row.version} does not follow ${expected}`);
  }
}
