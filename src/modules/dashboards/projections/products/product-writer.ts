import type { Client } from '@elastic/elasticsearch';
import type { ProjectableEvent } from '../projectable-event';
import { TouchedScopes } from '../../domain/summary-scopes';
import { bulkWrite, multiGet, refresh } from '../../infrastructure/es-bulk';
import type { IndexSet } from '../../infrastructure/read-model-indexes';
import type { NamesVersion } from '../../infrastructure/names-version';
import type { ReadModelLookups } from '../../infrastructure/read-model-lookups';
import { periodsOfCodes, renameFacts } from '../fact-scans';
import { evolveProductDocument, isProductEvent, type ProductDocument } from './product.projector';

const LEVEL_FIELD: Record<number, string> = { 2: 'chapterCode', 4: 'headingCode', 6: 'subheadingCode', 10: 'hsCode' };

/**
 * Applies catalogue events like country events (see country-writer.ts): the catalogue document
 * first, refreshed, then the names of the facts under the code, then the code's summaries (whose
 * names are recomputed with them). Facts carry names, so a rename of a chapter rewrites every
 * fact in it: a rare operation, paid for by fast reads.
 */
export async function projectProducts(
  client: Client,
  lookups: ReadModelLookups,
  names: NamesVersion,
  indexes: IndexSet,
  events: readonly ProjectableEvent[],
  follow: 'scopes' | 'names-only' = 'scopes',
): Promise<TouchedScopes> {
  const byCode = new Map<string, ProjectableEvent[]>();
  for (const event of events) {
    if (!isProductEvent(event)) continue;
    const code = (event.data as { code: string }).code;
    const list = byCode.get(code);
    if (list) list.push(event);
    else byCode.set(code, [event]);
  }
  const touched = new TouchedScopes();
  if (byCode.size === 0) return touched;

  const stored = await multiGet<ProductDocument>(client, indexes.products, [...byCode.keys()]);
  const ops = [];
  for (const [code, productEvents] of byCode) {
    const initial = stored.get(code)?.source ?? null;
    const next = [...productEvents]
      .sort((a, b) => a.streamVersion - b.streamVersion)
      .reduce<ProductDocument | null>(
        (document, event) => evolveProductDocument(document, event, (c) => lookups.nomenclatureEntry(c)) ?? document,
        initial,
      );
    if (next && next !== initial) {
      ops.push({ index: indexes.products, id: code, document: next, version: { value: next.streamVersion, type: 'external' as const } });
    }
  }
  await bulkWrite(client, ops);
  // Our document first, then the names counter (facts writers compare it around their writes),
  // then the facts written so far made searchable, and only then the facts searched.
  await names.bump(indexes.facts);
  await refresh(client, [indexes.products, indexes.facts]);

  // One search per level for all the batch's codes: a replay of the seed creates thousands at once.
  const byLevel = groupByLevel([...byCode.keys()]);
  const anyLevel = { bool: { should: [...byLevel].map(([field, codes]) => ({ terms: { [field]: codes } })), minimum_should_match: 1 } };
  await renameFacts(client, lookups, indexes, anyLevel);
  if (follow === 'scopes') {
    for (const [field, codes] of byLevel) if (field !== 'hsCode') touched.merge(await periodsOfCodes(client, indexes.facts, field, codes));
  }
  await refresh(client, [indexes.facts]);
  return touched;
}

function groupByLevel(codes: readonly string[]): Map<string, string[]> {
  const byLevel = new Map<string, string[]>();
  for (const code of codes) {
    const field = LEVEL_FIELD[code.length];
    if (!field) continue;
    const list = byLevel.get(field);
    if (list) list.push(code);
    else byLevel.set(field, [code]);
  }
  return byLevel;
}
