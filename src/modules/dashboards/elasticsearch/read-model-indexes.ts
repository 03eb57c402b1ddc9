import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../platform/project-root';

/** Every index of the read model; each has its mapping in es-mappings/<name>.json. */
export const READ_MODEL_INDEXES = [
  'facts',
  'countries',
  'products',
  'monthly-trends',
  'country-summaries',
  'product-summaries',
  'alerts',
] as const;

export type ReadModelIndex = (typeof READ_MODEL_INDEXES)[number];

/** Concrete names (or aliases) for each index: what the projectors write and the queries read. */
export type IndexSet = Readonly<Record<ReadModelIndex, string>>;

export interface IndexDefinition {
  readonly settings: Record<string, unknown>;
  readonly mappings: Record<string, unknown> & { _meta?: Record<string, unknown> };
  /** Changes whenever the mapping file does: an index built from another hash needs a rebuild. */
  readonly hash: string;
}

/** Queries and live projectors go through aliases `<prefix>-<name>`, so a rebuild can swap them. */
export function aliasSet(prefix: string): IndexSet {
  return buildSet((name) => `${prefix}-${name}`);
}

/** The concrete indexes of one generation: `<prefix>-<name>-v<generation>`. */
export function generationSet(prefix: string, generation: number): IndexSet {
  if (!Number.isInteger(generation) || generation < 1) throw new RangeError(`generation must be >= 1, got ${generation}`);
  return buildSet((name) => `${prefix}-${name}-v${generation}`);
}

/** The generation a concrete index name belongs to, or null if it is not one of ours. */
export function generationOf(prefix: string, name: ReadModelIndex, concrete: string): number | null {
  const match = new RegExp(`^${escape(`${prefix}-${name}`)}-v(\\d+)$`).exec(concrete);
  return match ? Number(match[1]) : null;
}

const definitions = new Map<ReadModelIndex, IndexDefinition>();

export function indexDefinition(name: ReadModelIndex): IndexDefinition {
  let definition = definitions.get(name);
  if (!definition) {
    const text = readFileSync(join(projectRoot(__dirname), 'es-mappings', `${name}.json`), 'utf8');
    const parsed = JSON.parse(text) as { settings: Record<string, unknown>; mappings: Record<string, unknown> };
    const hash = createHash('sha256').update(JSON.stringify({ s: parsed.settings, m: parsed.mappings })).digest('hex').slice(0, 16);
    const meta = (parsed.mappings._meta ?? {}) as Record<string, unknown>;
    definition = { settings: parsed.settings, mappings: { ...parsed.mappings, _meta: { ...meta, mappingHash: hash } }, hash };
    definitions.set(name, definition);
  }
  return definition;
}

function buildSet(nameOf: (name: ReadModelIndex) => string): IndexSet {
  return Object.freeze(Object.fromEntries(READ_MODEL_INDEXES.map((name) => [name, nameOf(name)])) as Record<ReadModelIndex, string>);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
