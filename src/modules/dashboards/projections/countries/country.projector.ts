import { assertNever } from '../../../../kernel/domain-event';
import type { ProjectableEvent } from '../projectable-event';
import { COUNTRY_MESSAGE_TYPES, type CountryMessage } from '../../../countries';
import type { ReferenceCountry } from '../../../reference-data';
import { regionNamesOf, type CountryView, type RegionNames } from '../../domain/denormalized-names';

export const COUNTRY_PROJECTOR_EVENT_TYPES = [COUNTRY_MESSAGE_TYPES.registered, COUNTRY_MESSAGE_TYPES.activated, COUNTRY_MESSAGE_TYPES.deactivated] as const;

/** One partner country in the `countries` index; `_id` is its code, its ES version its stream version. */
export interface CountryDocument extends RegionNames {
  readonly code: string;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly active: boolean;
  readonly deactivationReason: string | null;
  readonly streamVersion: number;
  readonly updatedAt: string;
}

export function isCountryEvent(event: Pick<ProjectableEvent, 'type'>): boolean {
  return (COUNTRY_PROJECTOR_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * The country after `event`. Continents come from the reference data, since no event carries them.
 * An activation or deactivation of a country whose registration this read model never saw (a
 * country seeded before the log existed) starts from the reference data, so the flag still counts.
 */
export function evolveCountryDocument(
  current: CountryDocument | null,
  event: ProjectableEvent,
  reference: ReferenceCountry | undefined,
): CountryDocument | null {
  if (!isCountryEvent(event)) return null;
  if (current && current.streamVersion >= event.streamVersion) return null;
  // Decoded before projecting (read-model-event-types.ts): the data has its type's shape.
  const country = { type: event.type, data: event.data } as CountryMessage;
  const stamp = { streamVersion: event.streamVersion, updatedAt: event.occurredAt.toISOString() };
  switch (country.type) {
    case COUNTRY_MESSAGE_TYPES.registered: {
      const { code, nameEn, nameKo, region } = country.data;
      return {
        ...fromReference(code, reference),
        nameEn,
        nameKo,
        regionCode: region?.code ?? null,
        regionNameEn: region?.nameEn ?? null,
        regionNameKo: region?.nameKo ?? null,
        active: true,
        deactivationReason: null,
        ...stamp,
      };
    }
    case COUNTRY_MESSAGE_TYPES.activated:
      return { ...(current ?? fromReference(country.data.code, reference)), active: true, deactivationReason: null, ...stamp };
    case COUNTRY_MESSAGE_TYPES.deactivated:
      return {
        ...(current ?? fromReference(country.data.code, reference)),
        active: false,
        deactivationReason: country.data.reason,
        ...stamp,
      };
    default:
      return assertNever(country, 'country event');
  }
}

/** What the reference data knows about a code; an unknown code gets no names, and counts. */
export function fromReference(code: string, reference: ReferenceCountry | undefined): CountryDocument {
  return {
    code,
    nameEn: reference?.nameEn ?? null,
    nameKo: reference?.nameKo ?? null,
    regionCode: reference?.region?.code ?? null,
    regionNameEn: reference?.region?.nameEn ?? null,
    regionNameKo: reference?.region?.nameKo ?? null,
    continentCode: reference?.continent?.code ?? null,
    continentNameEn: reference?.continent?.nameEn ?? null,
    continentNameKo: reference?.continent?.nameKo ?? null,
    active: true,
    deactivationReason: null,
    streamVersion: 0,
    updatedAt: new Date(0).toISOString(),
  };
}

/** The country as facts and summaries denormalize it. */
export function countryViewOf(document: CountryDocument): CountryView {
  return {
    code: document.code,
    active: document.active,
    countryNameEn: document.nameEn,
    countryNameKo: document.nameKo,
    ...regionNamesOf(document),
  };
}
