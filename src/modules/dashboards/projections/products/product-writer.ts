import type { Client } from '@elastic/elasticsearch';
import type { ProjectableEvent } from '../projectable-event';
import { TouchedScopes } from '../../domain/summary-scopes';
import { refresh } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { NamesVersion } from '../../elasticsearch/names-version';
import type { ReadModelLookups } from '../read-model-lookups';
import { periodsOfCodes, renameFacts } from '../facts/fact-scans';
import { writeReferenceDocuments } from '../reference-documents';
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
  const touched = new TouchedScopes();
  const codes = await writeReferenceDocuments<ProductDocument>(client, names, indexes.facts, {
    index: indexes.products,
    isEvent: isProductEvent,
    evolve: (document, event) => evolveProductDocument(document, event, (code) => lookups.nomenclatureEntry(code)),
  }, events);
  if (codes.length === 0) return touched;

  // One search per level for all the batch's codes: a replay of the seed creates thousands at once.
  const byLevel = groupByLevel(codes);
  const anyLevel = { bool: { should: [...byLevel].map(([field, levelCodes]) => ({ terms: { [field]: levelCodes } })), minimum_should_match: 1 } };
  await renameFacts(client, lookups, indexes, anyLevel);
  if (follow === 'scopes') {
    for (const [field, levelCodes] of byLevel) if (field !== 'hsCode') touched.merge(await periodsOfCodes(client, indexes.facts, field, levelCodes));
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
