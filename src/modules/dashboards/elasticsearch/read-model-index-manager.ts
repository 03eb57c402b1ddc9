import type { Client } from '@elastic/elasticsearch';
import type { MappingTypeMapping } from '@elastic/elasticsearch/lib/api/types';
import {
  aliasSet,
  generationOf,
  generationSet,
  indexDefinition,
  READ_MODEL_INDEXES,
  type IndexSet,
  type ReadModelIndex,
} from './read-model-indexes';

/**
 * Creates, finds and swaps the versioned indexes behind the read model's aliases. Queries and live
 * projectors only ever name aliases (`<prefix>-facts`); a rebuild fills `<prefix>-facts-v<N+1>` and
 * moves every alias in one `_aliases` call, so readers see the old generation or the new one,
 * never a mix, and are served throughout.
 */
export class ReadModelIndexManager {
  constructor(
    private readonly client: Client,
    readonly prefix: string,
  ) {}

  get aliases(): IndexSet {
    return aliasSet(this.prefix);
  }

  /** At start-up: creates generation 1 for every alias that is missing; says what it created and which mapping files changed. */
  async ensure(): Promise<{ created: ReadModelIndex[]; stale: ReadModelIndex[] }> {
    const current = await this.current();
    const created: ReadModelIndex[] = [];
    for (const name of READ_MODEL_INDEXES) {
      if (current.has(name)) continue;
      await this.createIndex(name, generationSet(this.prefix, 1)[name], { withAlias: true });
      created.push(name);
    }
    const stale = await this.staleMappings();
    for (const name of stale) await this.addNewFields(name, current.get(name)!);
    return { created, stale };
  }

  /** The concrete index each alias points to now. */
  async current(): Promise<Map<ReadModelIndex, string>> {
    const aliases = this.aliases;
    const found = new Map<ReadModelIndex, string>();
    const response = await this.client.indices.getAlias({ name: Object.values(aliases).join(',') }, { ignore: [404] });
    for (const [index, { aliases: attached }] of Object.entries(response as Record<string, { aliases?: Record<string, unknown> }>)) {
      for (const name of READ_MODEL_INDEXES) if (attached && aliases[name] in attached) found.set(name, index);
    }
    return found;
  }

  /** The highest generation any of our indexes has, aliased or not (an abandoned rebuild leaves one). */
  async highestGeneration(): Promise<number> {
    const response = await this.client.cat.indices({ index: `${this.prefix}-*`, format: 'json', h: 'index' }, { ignore: [404] });
    const names = Array.isArray(response) ? response.map((row) => String(row.index)) : [];
    let highest = 0;
    for (const concrete of names) {
      for (const name of READ_MODEL_INDEXES) highest = Math.max(highest, generationOf(this.prefix, name, concrete) ?? 0);
    }
    return highest;
  }

  /**
   * Creates every index of a generation, without aliases. Refresh is switched off while a replay
   * fills them (it refreshes explicitly where it must); `finishGeneration` switches it back on.
   */
  async createGeneration(generation: number): Promise<IndexSet> {
    const target = generationSet(this.prefix, generation);
    for (const name of READ_MODEL_INDEXES) await this.createIndex(name, target[name], { withAlias: false, refreshInterval: '-1' });
    return target;
  }

  async finishGeneration(target: IndexSet): Promise<void> {
    for (const name of READ_MODEL_INDEXES) {
      const refreshInterval = (indexDefinition(name).settings.refresh_interval as string | undefined) ?? '1s';
      await this.client.indices.putSettings({ index: target[name], settings: { refresh_interval: refreshInterval } });
    }
    await this.client.indices.refresh({ index: Object.values(target).join(',') });
  }

  /** Moves every alias to `target` in ONE `_aliases` call: atomic for readers. */
  async swapAliases(target: IndexSet): Promise<void> {
    const current = await this.current();
    const aliases = this.aliases;
    const actions = READ_MODEL_INDEXES.flatMap((name) => [
      ...(current.has(name) ? [{ remove: { index: current.get(name)!, alias: aliases[name] } }] : []),
      { add: { index: target[name], alias: aliases[name] } },
    ]);
    await this.client.indices.updateAliases({ actions });
  }

  /** Deletes the indexes of generations below `keepFrom` (the one before the newest stays, for a quick look back). */
  async deleteGenerationsBelow(keepFrom: number): Promise<void> {
    for (let generation = 1; generation < keepFrom; generation++) {
      const names = Object.values(generationSet(this.prefix, generation)).join(',');
      await this.client.indices.delete({ index: names, ignore_unavailable: true });
    }
  }

  /** Removes everything under the prefix: for tests and benchmarks, never called by the service. */
  async deleteAll(): Promise<void> {
    await this.client.indices.delete({ index: `${this.prefix}-*`, ignore_unavailable: true, allow_no_indices: true });
  }

  private async createIndex(name: ReadModelIndex, index: string, options: { withAlias: boolean; refreshInterval?: string }): Promise<void> {
    const { settings, mappings } = indexDefinition(name);
    try {
      await this.client.indices.create({
        index,
        settings: { ...settings, ...(options.refreshInterval ? { refresh_interval: options.refreshInterval } : {}) },
        mappings,
        ...(options.withAlias ? { aliases: { [this.aliases[name]]: {} } } : {}),
      });
    } catch (error) {
      // Another instance starting at the same moment may have created it first; anything else is real.
      const type = (error as { body?: { error?: { type?: string } } }).body?.error?.type;
      if (type !== 'resource_already_exists_exception') throw error;
    }
  }

  /**
   * A field added to a mapping (the facts' `archived`) is added to the live index too: its mapping
   * is strict, so until the rebuild an instance of the new version would otherwise have every
   * document it writes refused. A change that is not an addition fails here and waits for the rebuild.
   */
  private async addNewFields(name: ReadModelIndex, index: string): Promise<void> {
    const { properties } = indexDefinition(name).mappings as Pick<MappingTypeMapping, 'properties'>;
    await this.client.indices.putMapping({ index, properties }).catch(() => undefined);
  }

  private async staleMappings(): Promise<ReadModelIndex[]> {
    const current = await this.current();
    const stale: ReadModelIndex[] = [];
    for (const [name, index] of current) {
      const response = await this.client.indices.getMapping({ index });
      const meta = (Object.values(response)[0]?.mappings as { _meta?: { mappingHash?: string } } | undefined)?._meta;
      if (meta?.mappingHash !== indexDefinition(name).hash) stale.push(name);
    }
    return stale;
  }
}
