import type { Client } from '@elastic/elasticsearch';
import type { ProjectableEvent } from '../projectable-event';
import { TouchedScopes } from '../../domain/summary-scopes';
import { bulkWrite, multiGet, refresh } from '../../infrastructure/es-bulk';
import type { IndexSet } from '../../infrastructure/read-model-indexes';
import type { NamesVersion } from '../../infrastructure/names-version';
import type { ReadModelLookups } from '../../infrastructure/read-model-lookups';
import { renameFacts, scopesOfFacts } from '../fact-scans';
import { evolveCountryDocument, isCountryEvent, type CountryDocument } from './country.projector';

/**
 * Applies country events: the country document first (external versioning on the country's
 * stream version), refreshed, and only then the facts' names and the list of summaries to
 * recompute. That order is what makes statistic and country events commute (docs/read-model.md):
 * whoever recomputes a summary later reads the new flag.
 *
 * Every country named in the batch is followed up, applied or not: a redelivery after a crash
 * between the document write and the recomputation must finish the job. A replay that computes
 * all summaries at its end asks for `names-only`.
 */
export async function projectCountries(
  client: Client,
  lookups: ReadModelLookups,
  names: NamesVersion,
  indexes: IndexSet,
  events: readonly ProjectableEvent[],
  follow: 'scopes' | 'names-only' = 'scopes',
): Promise<TouchedScopes> {
  const byCode = new Map<string, ProjectableEvent[]>();
  for (const event of events) {
    if (!isCountryEvent(event)) continue;
    const code = (event.data as { code: string }).code;
    const list = byCode.get(code);
    if (list) list.push(event);
    else byCode.set(code, [event]);
  }
  const touched = new TouchedScopes();
  if (byCode.size === 0) return touched;

  const stored = await multiGet<CountryDocument>(client, indexes.countries, [...byCode.keys()]);
  const ops = [];
  for (const [code, countryEvents] of byCode) {
    const initial = stored.get(code)?.source ?? null;
    const reference = lookups.referenceCountry(code);
    const next = [...countryEvents]
      .sort((a, b) => a.streamVersion - b.streamVersion)
      .reduce<CountryDocument | null>((document, event) => evolveCountryDocument(document, event, reference) ?? document, initial);
    if (next && next !== initial) {
      ops.push({ index: indexes.countries, id: code, document: next, version: { value: next.streamVersion, type: 'external' as const } });
    }
  }
  await bulkWrite(client, ops);
  // Our document first, then the names counter (facts writers compare it around their writes),
  // then the facts written so far made searchable, and only then the facts searched.
  await names.bump(indexes.facts);
  await refresh(client, [indexes.countries, indexes.facts]);

  // One search for all the batch's countries: a replay of the seed registers some 250 at once.
  const query = { terms: { countryCode: [...byCode.keys()] } };
  await renameFacts(client, lookups, indexes, query);
  if (follow === 'scopes') touched.merge(await scopesOfFacts(client, indexes.facts, query));
  await refresh(client, [indexes.facts]);
  return touched;
}
