/**
 * A fact an aggregate recorded, as the domain sees it. The event log wraps it in an envelope (event
 * id, stream id and version, occurred-at, correlation, causation, actor); none of that belongs here,
 * because the aggregate cannot know it without a clock or an id generator.
 *
 * `type` is an explicit string persisted in the log and sent on the wire, never a class name, so
 * renaming code cannot orphan stored events. `schemaVersion` changes whenever `data` changes shape.
 */
export interface DomainEvent<TType extends string, TData, TSchemaVersion extends number = number> {
  readonly type: TType;
  readonly schemaVersion: TSchemaVersion;
  readonly data: TData;
}

/** Builds a frozen event, so a pending event handed to the log cannot be changed afterwards. */
export function domainEvent<TType extends string, TData extends object, TSchemaVersion extends number>(
  type: TType,
  schemaVersion: TSchemaVersion,
  data: TData,
): DomainEvent<TType, Readonly<TData>, TSchemaVersion> {
  return Object.freeze({ type, schemaVersion, data: Object.freeze({ ...data }) });
}

/** Closes a switch over a discriminated union: adding a member becomes a compile error here. */
export function assertNever(value: never, what: string): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
