import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EventLogEntry } from './event-log-entry.entity';

/** A column of an aggregate's table: the entity property it maps and its SQL name and type. */
export interface AggregateColumn {
  readonly property: string;
  readonly name: string;
  /** The column's SQL type, which the write path's parameters are cast to. */
  readonly type: string;
}

/**
 * How the write path sees an aggregate's table, read from its MikroORM entity (the one description
 * of tables and columns): one row per aggregate, keyed by `key`, with a `version` column equal to
 * its stream version. Columns are the entity's own: scalars, and a many-to-one by its key column.
 */
export interface AggregateTable {
  readonly name: string;
  readonly key: AggregateColumn;
  readonly version: AggregateColumn;
  readonly columns: readonly AggregateColumn[];
}

/** The row an aggregate is written as: each property's column value, a relation by its key. */
export type AggregateRow<TEntity> = Readonly<AggregateRecord> & {
  readonly [K in keyof TEntity as K extends string ? K : never]: TEntity[K] extends ColumnValue ? TEntity[K] : string | null;
};
type ColumnValue = string | number | boolean | Date | null;

/** What every aggregate's entity has: its key and its stream version. */
export interface AggregateRecord {
  key: string;
  version: number;
}

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The event log's table as the appends see it, from the EventLogEntry entity. */
export interface EventLogTable {
  readonly name: string;
  readonly columns: Readonly<Record<keyof EventLogEntry, AggregateColumn>>;
}

export function aggregateTableOf(meta: EntityMetadata): AggregateTable {
  const columns = columnsOf(meta);
  const column = (property: string) => {
    const found = columns.find((candidate) => candidate.property === property);
    if (!found) throw new Error(`${meta.className}: an aggregate's entity needs a "${property}" property`);
    return found;
  };
  if (meta.primaryKeys.length !== 1 || meta.primaryKeys[0] !== 'key') throw new Error(`${meta.className}: an aggregate is keyed by "key" alone`);
  return { name: meta.tableName, key: column('key'), version: column('version'), columns };
}

export function eventLogTableOf(meta: EntityMetadata<EventLogEntry>): EventLogTable {
  const byProperty = new Map(columnsOf(meta).map((column) => [column.property, column]));
  const column = (property: keyof EventLogEntry): AggregateColumn => {
    const found = byProperty.get(property);
    if (!found) throw new Error(`${meta.className}: no column for "${property}"`);
    return found;
  };
  return {
    name: meta.tableName,
    columns: {
      position: column('position'),
      transactionId: column('transactionId'),
      eventId: column('eventId'),
      streamId: column('streamId'),
      streamVersion: column('streamVersion'),
      type: column('type'),
      schemaVersion: column('schemaVersion'),
      data: column('data'),
      metadata: column('metadata'),
      occurredAt: column('occurredAt'),
    },
  };
}

function columnsOf(meta: EntityMetadata): AggregateColumn[] {
  const columns = meta.props
    .filter((prop: EntityProperty) => prop.persist !== false && [ReferenceKind.SCALAR, ReferenceKind.MANY_TO_ONE].includes(prop.kind))
    .map((prop): AggregateColumn => {
      if (prop.fieldNames.length !== 1) throw new Error(`${meta.className}.${prop.name}: the write path needs one column per property`);
      return { property: prop.name, name: prop.fieldNames[0], type: prop.columnTypes[0] };
    });
  const unsafe = [meta.tableName, ...columns.map((column) => column.name)].find((name) => !PLAIN_IDENTIFIER.test(name));
  if (unsafe) throw new Error(`${meta.className}: "${unsafe}" is not a plain SQL identifier`);
  return columns;
}
