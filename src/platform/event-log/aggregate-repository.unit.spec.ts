import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/domain-error';
import { AggregateRepository } from './aggregate-repository';
import type { AggregateChange, AggregateStore } from './aggregate-store';
import type { AggregateRecord } from './aggregate-table';
import { StreamVersionConflict } from './stream-version-conflict';

/** A counter as the smallest aggregate: `bump` records one event; `refuse` is a decision's own conflict. */
class Counter {
  pending = 0;

  constructor(
    readonly key: string,
    public version: number,
  ) {}

  bump(): void {
    this.pending++;
    this.version++;
  }
}

class CounterConflict extends DomainError {
  readonly code = 'TEST.COUNTER_CONFLICT';
  readonly category = 'VERSION_CONFLICT';

  constructor(key: string, expectedVersion: number, actualVersion: number) {
    super(`counter ${key} is at ${actualVersion}, not ${expectedVersion}`, { expectedVersion, actualVersion });
  }
}

type DecidedCounter = { readonly counter: Counter; readonly expectedVersion: number };

/** An in-memory store with the real store's rule (a save must name the version it read) and a writer that can cut in. */
class MemoryStore {
  readonly versions = new Map<string, number>();
  loads = 0;
  cutIn: (() => void) | null = null;

  async loadRows(_entity: unknown, keys: readonly string[]): Promise<AggregateRecord[]> {
    return keys.flatMap((key) => (this.versions.has(key) ? [{ key, version: this.versions.get(key)! }] : []));
  }

  async save(_entity: unknown, change: AggregateChange<AggregateRecord>): Promise<{ id: string; version: number; position: string }> {
    const cut = this.cutIn;
    this.cutIn = null;
    cut?.();
    if ((this.versions.get(change.row.key) ?? 0) !== change.expectedVersion) throw new StreamVersionConflict(change.streamId, change.expectedVersion);
    this.versions.set(change.row.key, change.row.version);
    return { id: change.row.key, version: change.row.version, position: String(change.row.version) };
  }
}

class CounterRepository extends AggregateRepository<DecidedCounter, AggregateRecord, Counter, string> {
  constructor(private readonly memory: MemoryStore) {
    const em = { fork: () => ({ map: (_entity: unknown, row: AggregateRecord) => row }) };
    super(memory as unknown as AggregateStore, em as unknown as EntityManager, class {} as never);
  }

  async load(key: string): Promise<Counter> {
    this.memory.loads++;
    const [record] = await this.findRecords([key]);
    return new Counter(key, record?.version ?? 0);
  }

  protected decided(counter: Counter, expectedVersion: number): DecidedCounter {
    return { counter, expectedVersion };
  }

  protected toChange({ counter, expectedVersion }: DecidedCounter): AggregateChange<AggregateRecord> {
    const events = Array.from({ length: counter.pending }, () => ({ type: 'Bumped', schemaVersion: 1, data: {} }));
    counter.pending = 0;
    return { streamId: `counter:${counter.key}`, expectedVersion, row: { key: counter.key, version: counter.version }, events };
  }

  protected lostRace({ counter, expectedVersion }: DecidedCounter, actualVersion: number): DomainError {
    return new CounterConflict(counter.key, expectedVersion, actualVersion);
  }
}

const METADATA = { correlationId: 'c', causationId: null, actor: 'test' };
const CLOCK = { now: () => new Date('2026-12-01T00:00:00Z') };

describe('AggregateRepository.update', () => {
  const given = (version: number) => {
    const memory = new MemoryStore();
    memory.versions.set('a', version);
    return { memory, repository: new CounterRepository(memory) };
  };

  it('given no expected version, when another writer saves in between, then it is read and decided again on the new version', async () => {
    const { memory, repository } = given(3);
    memory.cutIn = () => memory.versions.set('a', 4);

    const result = await repository.update('a', undefined, (counter) => counter.bump(), METADATA, CLOCK);

    expect(result).toEqual({ id: 'a', version: 5, position: '5' });
    expect(memory.loads).toBe(2);
  });

  it('given an expected version, when another writer saves in between, then the lost race is the client\'s conflict, with the store\'s conflict as its cause', async () => {
    const { memory, repository } = given(3);
    memory.cutIn = () => memory.versions.set('a', 4);

    const refused = repository.update('a', 3, (counter) => counter.bump(), METADATA, CLOCK);

    await expect(refused).rejects.toMatchObject({ code: 'TEST.COUNTER_CONFLICT', details: { expectedVersion: 3, actualVersion: 4 }, cause: expect.any(StreamVersionConflict) });
    expect(memory.loads).toBe(1);
  });

  it('given no expected version, when the decision itself refuses with a VERSION_CONFLICT, then it is not decided again', async () => {
    const { memory, repository } = given(3);

    const refused = repository.update('a', undefined, (counter) => {
      throw new CounterConflict(counter.key, 2, counter.version);
    }, METADATA, CLOCK);

    await expect(refused).rejects.toBeInstanceOf(CounterConflict);
    expect(memory.loads).toBe(1);
    expect(memory.versions.get('a')).toBe(3);
  });
});
