import type { SqlPool as Pool } from '../../../platform/database/pg-pool';

/**
 * A counter that moves whenever the names facts carry change (see migration 20261121000402). The
 * country and catalogue writers bump it after writing a document and before searching the facts
 * to rename; the facts writer reads it before taking names from its cache and again after writing.
 */
export interface NamesVersion {
  read(target: string): Promise<string>;
  bump(target: string): Promise<void>;
}

export class PgNamesVersion implements NamesVersion {
  constructor(private readonly pool: Pool) {}

  async read(target: string): Promise<string> {
    const { rows } = await this.pool.query<{ version: string }>({
      name: 'names-version-read',
      text: 'select version::text as version from read_model_names_version where target = $1',
      values: [target],
    });
    return rows[0]?.version ?? '0';
  }

  async bump(target: string): Promise<void> {
    await this.pool.query({
      name: 'names-version-bump',
      text: `insert into read_model_names_version (target, version) values ($1, 1)
             on conflict (target) do update set version = read_model_names_version.version + 1`,
      values: [target],
    });
  }

  /** For tests and benchmarks: forget the counters of targets of a prefix. */
  async deleteAll(prefix: string): Promise<void> {
    await this.pool.query(`delete from read_model_names_version where target like $1`, [`${prefix}-%`]);
  }
}

/** Without a shared counter every read is "changed": names are always read back after a write. */
export const NO_NAMES_VERSION: NamesVersion = {
  read: async () => `${process.hrtime.bigint()}`,
  bump: async () => undefined,
};
