import type { EntityClass } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { DomainError } from '../../kernel/domain-error';
import { AggregateStore, ExclusionViolation, StreamVersionConflict, type AggregateChange } from './aggregate-store';
import type { AggregateRecord } from './aggregate-table';
import type { EventMetadata, WriteResult } from './event-log.types';
import { onExpectedVersion } from './retry-on-conflict';

/** A decision to save: the aggregate with its pending events and the version it was decided on (0: new). */
export interface Decided {
  readonly expectedVersion: number;
}

/** What `update` needs of an aggregate: the version it was loaded at. */
export interface Versioned {
  readonly version: number;
}

/**
 * The rule every aggregate repository shares: rows are loaded through MikroORM's entity manager
 * (a fork per call: repositories serve commands, consumers and CLIs, not only requests), saved
 * through AggregateStore, and a save that lost its race, alone or in a batch, becomes the
 * domain's own error, which says which aggregate and at which version it now stands. A context's
 * repository maps its aggregate to its entity and names that error.
 */
export abstract class AggregateRepository<TDecided extends Decided, TEntity extends AggregateRecord, TAggregate extends Versioned, TKey> {
  protected constructor(
    private readonly store: AggregateStore,
    private readonly em: EntityManager,
    private readonly entity: EntityClass<TEntity>,
  ) {}

  /** The row to write and the events to append; takes the aggregate's pending events. */
  protected abstract toChange(decided: TDecided, at: Date): AggregateChange<TEntity>;

  /** The domain's error for a decision that lost its race; its aggregate stands at `actualVersion` (0: none). */
  protected abstract lostRace(decided: TDecided, actualVersion: number): DomainError;

  /** The aggregate at `key`, as the context defines a missing one (an error, or an empty aggregate). */
  abstract load(key: TKey): Promise<TAggregate>;

  /** The aggregate, changed by a decision made on `expectedVersion`, as a decision to save. */
  protected abstract decided(aggregate: TAggregate, expectedVersion: number): TDecided;

  /**
   * A command on an existing aggregate: load it, let `decide` change it (or refuse), save it
   * against the version it was read at. Without an expected version a lost race is read and
   * decided again (onExpectedVersion); with one, it is the client's VERSION_CONFLICT.
   */
  update(
    key: TKey,
    expectedVersion: number | undefined,
    decide: (aggregate: TAggregate) => void,
    metadata: EventMetadata,
    clock: { now(): Date },
  ): Promise<WriteResult> {
    return onExpectedVersion(expectedVersion, async () => {
      const aggregate = await this.load(key);
      const read = aggregate.version;
      decide(aggregate);
      return this.save(this.decided(aggregate, read), metadata, clock.now());
    });
  }

  /**
   * The domain's error for a write that broke an exclusion constraint of the aggregate's table; a
   * StreamVersionConflict when the refusal turned out to be a lost race after all; or null when the
   * repository does not know the constraint (then the violation is thrown as it is).
   */
  protected exclusionViolated(_violation: ExclusionViolation, _decided: readonly TDecided[]): Promise<unknown> {
    return Promise.resolve(null);
  }

  /** Saves one decision; a lost race is the domain's error. */
  async save(decided: TDecided, metadata: EventMetadata, at: Date): Promise<WriteResult> {
    const change = this.toChange(decided, at);
    try {
      return await this.store.save(this.entity, change, metadata, at);
    } catch (error) {
      throw await this.asDomainError(error, [decided], [change]);
    }
  }

  /** Saves all the decisions in one statement, or none: a lost race is the domain's error for one loser. */
  async saveMany(decided: readonly TDecided[], metadata: EventMetadata, at: Date): Promise<{ position: string | null; saved: number }> {
    const changes = decided.map((item) => this.toChange(item, at));
    try {
      return await this.store.saveMany(this.entity, changes, metadata, at);
    } catch (error) {
      throw await this.asDomainError(error, decided, changes);
    }
  }

  protected async findRecord(key: string): Promise<TEntity | null> {
    const [record] = await this.findRecords([key]);
    return record ?? null;
  }

  /**
   * Rows by key with one prepared statement, hydrated by the entity manager: every command loads
   * this way, so its plan is PostgreSQL's to keep (the entity manager's query renders the keys into
   * its text, which costs a parse per call: measured, ADR 0002).
   */
  protected async findRecords(keys: readonly string[]): Promise<TEntity[]> {
    if (keys.length === 0) return [];
    const rows = await this.store.loadRows(this.entity, keys);
    const em = this.em.fork();
    return rows.map((row) => em.map(this.entity, row));
  }

  /** A batch's statement cannot say which change lost, so the rows are read back to find one. */
  private async asDomainError(error: unknown, decided: readonly TDecided[], changes: readonly AggregateChange<TEntity>[]): Promise<unknown> {
    const cause = error instanceof ExclusionViolation ? ((await this.exclusionViolated(error, decided)) ?? error) : error;
    if (!(cause instanceof StreamVersionConflict)) return cause;
    const written = changes.filter((change) => change.events.length > 0);
    const records = await this.findRecords(written.map((change) => change.row.key));
    const versions = new Map(records.map((record) => [record.key, record.version]));
    const versionOf = (change: AggregateChange<TEntity>) => versions.get(change.row.key) ?? 0;
    const loser = written.find((change) => versionOf(change) !== change.expectedVersion) ?? written[0];
    // The store's conflict stays the cause: it is what tells a lost race from a refusal the decision made itself.
    return Object.assign(this.lostRace(decided[changes.indexOf(loser)], versionOf(loser)), { cause: error });
  }
}
