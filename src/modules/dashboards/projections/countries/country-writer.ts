import type { Client } from '@elastic/elasticsearch';
import type { ProjectableEvent } from '../projectable-event';
import { TouchedScopes } from '../../domain/summary-scopes';
import { refresh } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { NamesVersion } from '../../elasticsearch/names-version';
import type { ReadModelLookups } from '../read-model-lookups';
import { renameFacts, scopesOfFacts } from '../facts/fact-scans';
import { writeReferenceDocuments } from '../reference-documents';
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
  const touched = new TouchedScopes();
  const codes = await writeReferenceDocuments<CountryDocument>(client, names, indexes.facts, {
    index: indexes.countries,
    isEvent: isCountryEvent,
    evolve: (document, event, code) => evolveCountryDocument(document, event, lookups.referenceCountry(code)),
  }, events);
  if (codes.length === 0) return touched;

  // One search for all the batch's countries: a replay of the seed registers some 250 at once.
  const query = { terms: { countryCode: codes } };
  await renameFacts(client, lookups, indexes, query);
  if (follow === 'scopes') touched.merge(await scopesOfFacts(client, indexes.facts, query));
  await refresh(client, [indexes.facts]);
  return touched;
}
