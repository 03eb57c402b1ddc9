import { MikroORM, type EntityClass, type EntityDictionary } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PG_POOL, type SqlPool } from '../database/pg-pool';
import { activeTraceparent, inSpan, retriedOnConflict } from '../tracing/tracer';
import { insertOneSql, loadManySql, saveManySql, updateOneSql } from './aggregate-store.sql';
import { aggregateTableOf, eventLogTableOf, type AggregateRecord, type AggregateRow, type AggregateTable } from './aggregate-table';
import { EventLogEntry } from './event-log-entry.entity';
import type { EventMetadata, PendingEvent, WriteResult } from './event-log.types';
import { GroupCommit } from './group-commit';
import { LogDoorbell } from './log-doorbell';
import { StreamVersionConflict } from './stream-version-conflict';

export { StreamVersionConflict } from './stream-version-conflict';

/** One aggregate's change: its state after the change and the events that led there. */
export interface AggregateChange<TEntity extends AggregateRecord> {
  readonly streamId: string;
  /** The version the decision was made on; 0 means the stream must not exist yet. */
  readonly expectedVersion: number;
  readonly row: AggregateRow<TEntity>;
  readonly events: readonly PendingEvent[];
}


/**
 * The write broke one of the table's exclusion constraints: a rule that spans aggregates (such as
 * the HS-level rule on statistics), not a lost race, so it is never decided again as one. The
 * repository of the aggregate names it in the domain's terms.
 */
export class ExclusionViolation extends Error {
  constructor(
    readonly table: string,
    readonly constraint: string,
  ) {
    super(`a write to ${table} broke its exclusion constraint ${constraint}`);
    this.name = 'ExclusionViolation';
  }
}

/** Raised by event_log_expect_saved when a multi-change write's counts do not add up. */
const LOST_RACE_SQLSTATE = 'EL001';
/** PostgreSQL's deadlock_detected: the victim's statement was rolled back whole. */
const DEADLOCK_SQLSTATE = '40P01';
/** PostgreSQL's exclusion_violation. */
const EXCLUSION_VIOLATION_SQLSTATE = '23P01';

interface Write {
  readonly change: AggregateChange<AggregateRecord>;
  readonly metadata: EventMetadata;
  readonly occurredAt: Date;
}

interface Statements {
  readonly table: AggregateTable;
  readonly insert: string;
  readonly update: string;
  readonly many: string;
  readonly load: string;
}

/**
 * Persists aggregates as a snapshot row plus their new events in the event log, atomically.
 * The log is the outbox: the relay publishes from it, so nothing here talks to the broker.
 * Event ids are UUIDv7, so the log's unique index on them grows at its right edge.
 */
@Injectable()
export class AggregateStore {
  private readonly statements = new Map<EntityClass<AggregateRecord>, Statements>();
  private readonly groups = new Map<EntityClass<AggregateRecord>, GroupCommit<Write, WriteResult>>();

  constructor(
    @Inject(PG_POOL) private readonly pool: SqlPool,
    private readonly doorbell: LogDoorbell,
    private readonly orm: MikroORM,
  ) {}

  /**
   * The rows of `keys`, as the database holds them (column names), read with one prepared
   * statement: the batch path loads a thousand rows per chunk, and the entity manager's own query
   * renders every key into the SQL text, which PostgreSQL then parses anew each time (ADR 0002).
   * The caller hydrates them through the entity manager (`em.map`).
   */
  async loadRows<TEntity extends AggregateRecord>(entity: EntityClass<TEntity>, keys: readonly string[]): Promise<EntityDictionary<TEntity>[]> {
    const { table, load } = this.statementsFor(entity);
    const { rows } = await this.pool.query({ name: `load-many-${table.name}`, text: load, values: [keys] });
    // Raw rows by column name: what em.map expects.
    return rows as EntityDictionary<TEntity>[];
  }

  /**
   * Saves one change; it is durable when the promise resolves. Concurrent saves to the same table
   * are group-committed: those that queue while a write is in flight go together in one
   * statement and one commit, and each still succeeds or fails on its own.
   */
  async save<TEntity extends AggregateRecord>(
    entity: EntityClass<TEntity>,
    change: AggregateChange<TEntity>,
    metadata: EventMetadata,
    occurredAt: Date,
  ): Promise<WriteResult> {
    if (change.events.length === 0) return this.unchanged(change);
    assertVersions(change);
    const table = this.statementsFor(entity).table.name;
    const attributes = { 'db.collection.name': table, 'stream.id': change.streamId, 'events.count': change.events.length };
    return inSpan(`write ${table}`, { attributes, retried: lostRaceRetried }, () => this.groupFor(entity).submit({ change, metadata: withTraceContext(metadata), occurredAt }));
  }

  /**
   * Saves many changes in one statement. If any change lost its race, nothing is kept and
   * StreamVersionConflict tells the caller to re-read and decide again.
   */
  async saveMany<TEntity extends AggregateRecord>(
    entity: EntityClass<TEntity>,
    changes: readonly AggregateChange<TEntity>[],
    metadata: EventMetadata,
    occurredAt: Date,
  ): Promise<{ position: string | null; saved: number }> {
    const effective = changes.filter((change) => change.events.length > 0);
    if (effective.length === 0) return { position: null, saved: 0 };
    effective.forEach(assertVersions);
    const table = this.statementsFor(entity).table.name;
    const attributes = { 'db.collection.name': table, 'changes.count': effective.length };
    const results = await inSpan(`write ${table} batch`, { attributes, retried: lostRaceRetried }, async () => {
      const traced = withTraceContext(metadata);
      const written = await this.writeTogether(entity, effective.map((change) => ({ change, metadata: traced, occurredAt })));
      if (!written) throw new StreamVersionConflict(`${table} batch`, -1);
      return written;
    });
    const position = results.map((result) => BigInt(result.position)).reduce((a, b) => (a > b ? a : b));
    return { position: position.toString(), saved: effective.length };
  }

  private groupFor(entity: EntityClass<AggregateRecord>): GroupCommit<Write, WriteResult> {
    let group = this.groups.get(entity);
    if (!group) {
      group = new GroupCommit({
        one: (write) => this.writeOne(entity, write),
        together: (writes) => this.writeTogether(entity, writes),
      });
      this.groups.set(entity, group);
    }
    return group;
  }

  private async writeOne(entity: EntityClass<AggregateRecord>, write: Write): Promise<WriteResult> {
    const { change, metadata, occurredAt } = write;
    const creating = change.expectedVersion === 0;
    const { table, insert, update } = this.statementsFor(entity);
    const { rows } = await this.lostRaceAsNull(table, this.pool.query<{ version: number | null; position: string | null }>({
      name: `${creating ? 'insert' : 'update'}-${table.name}`,
      text: creating ? insert : update,
      values: [
        ...table.columns.map((column) => valueOf(change.row, column.property)),
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
    return { id: change.row.key, version: written.version, position: written.position };
  }

  /** All the writes in one statement, or none of them (null) if any lost its race. */
  private async writeTogether(entity: EntityClass<AggregateRecord>, writes: readonly Write[]): Promise<WriteResult[] | null> {
    const { table, many } = this.statementsFor(entity);
    const changes = writes.map((write) => write.change);
    const events = writes.flatMap(({ change, metadata, occurredAt }) =>
      change.events.map((event, i) => ({ change, event, version: change.expectedVersion + i + 1, metadata, occurredAt })),
    );
    const values: unknown[] = [
      ...table.columns.map((column) => changes.map((change) => valueOf(change.row, column.property))),
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
      this.pool.query<{ heads: Record<string, string> }>({ name: `save-many-${table.name}`, text: many, values }),
    );
    if (!written) return null;
    const { heads } = written.rows[0];
    this.doorbell.ring();
    return changes.map((change) => ({ id: change.row.key, version: change.row.version, position: heads[change.streamId] }));
  }

  private async unchanged(change: AggregateChange<AggregateRecord>): Promise<WriteResult> {
    const { rows } = await this.pool.query<{ position: string }>({
      name: 'stream-head',
      text: `select position::text from event_log where stream_id = $1 order by stream_version desc limit 1`,
      values: [change.streamId],
    });
    return { id: change.row.key, version: change.expectedVersion, position: rows[0]?.position ?? '0' };
  }

  /**
   * A concurrent creator shows up as the snapshot's primary key refusing the new row, or the log
   * refusing a (stream_id, stream_version) that exists: the same lost race as an update whose
   * version predicate matched nothing (which a multi-change write reports as SQLSTATE EL001). So is
   * a deadlock: two writers crossing on rows an exclusion constraint checks (a chapter and a code
   * under it), of which PostgreSQL rolls one back whole; deciding again meets the winner's row. An
   * exclusion constraint's refusal is no race: it becomes an ExclusionViolation.
   */
  private async lostRaceAsNull<T>(table: AggregateTable, query: Promise<T>): Promise<T | null> {
    try {
      return await query;
    } catch (error) {
      // Checked by shape: MikroORM's driver brings a node-postgres of its own, with its own error class.
      const { code, constraint } = databaseErrorOf(error);
      if (code === LOST_RACE_SQLSTATE || code === DEADLOCK_SQLSTATE) return null;
      if (code === EXCLUSION_VIOLATION_SQLSTATE) throw new ExclusionViolation(table.name, String(constraint));
      if (constraint === `${table.name}_pkey` || constraint === 'event_log_stream_version_key') return null;
      throw error;
    }
  }

  /** Built once per entity, from MikroORM's metadata: the entity is the one description of its table. */
  private statementsFor(entity: EntityClass<AggregateRecord>): Statements {
    let statements = this.statements.get(entity);
    if (!statements) {
      const metadata = this.orm.getMetadata();
      const table = aggregateTableOf(metadata.get(entity.name));
      const log = eventLogTableOf(metadata.get<EventLogEntry>(EventLogEntry.name));
      statements = { table, insert: insertOneSql(table, log), update: updateOneSql(table, log), many: saveManySql(table, log), load: loadManySql(table) };
      this.statements.set(entity, statements);
    }
    return statements;
  }
}

/** A lost race that the caller decides again (retryOnConflict) is the span's event, not its failure. */
function lostRaceRetried(error: unknown): boolean {
  return error instanceof StreamVersionConflict && retriedOnConflict();
}

/** The metadata with the write span's context, which crosses the outbox with the events. */
function withTraceContext(metadata: EventMetadata): EventMetadata {
  const traceparent = activeTraceparent();
  return traceparent ? { ...metadata, traceparent } : metadata;
}

function valueOf(row: AggregateRow<AggregateRecord>, property: string): unknown {
  return (row as Readonly<Record<string, unknown>>)[property];
}

function databaseErrorOf(error: unknown): { code?: unknown; constraint?: unknown } {
  return typeof error === 'object' && error !== null ? error : {};
}

function assertVersions(change: AggregateChange<AggregateRecord>): void {
  const expected = change.expectedVersion + change.events.length;
  if (change.row.version !== expected) {
    throw new Error(`${change.streamId}: snapshot version ${change.row.version} does not follow ${expected}`);
  }
}
