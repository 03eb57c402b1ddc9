import { assertNever } from '../../../../kernel/domain-event';
import type { ProjectableEvent } from '../projectable-event';
import { CATALOGUE_MESSAGE_TYPES, type CatalogueMessage } from '../../../catalogue';
import type { CodeNames } from '../../domain/denormalized-names';
import { koreanGrams } from './korean-bigrams';

export const PRODUCT_PROJECTOR_EVENT_TYPES = [CATALOGUE_MESSAGE_TYPES.created, CATALOGUE_MESSAGE_TYPES.renamed] as const;

/** One HS code of the catalogue in the `products` index; `_id` is the code, its ES version its stream version. */
export interface ProductDocument {
  readonly code: string;
  readonly level: number;
  readonly parentCode: string | null;
  readonly sectionCode: string | null;
  readonly sectionNameEn: string | null;
  readonly descriptionEn: string | null;
  readonly descriptionKo: string | null;
  readonly descriptionKoBigrams: string | null;
  readonly streamVersion: number;
  readonly updatedAt: string;
}

/** What the committed HS nomenclature says about a code, for codes the catalogue has not (yet) described. */
export interface NomenclatureEntry {
  readonly descriptionEn: string | null;
  readonly sectionCode: string | null;
  readonly sectionNameEn: string | null;
}

export function isProductEvent(event: Pick<ProjectableEvent, 'type'>): boolean {
  return (PRODUCT_PROJECTOR_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The catalogue entry after `event`; a rename the read model cannot place starts from the nomenclature. */
export function evolveProductDocument(
  current: ProductDocument | null,
  event: ProjectableEvent,
  nomenclature: (code: string) => NomenclatureEntry,
): ProductDocument | null {
  if (!isProductEvent(event)) return null;
  if (current && current.streamVersion >= event.streamVersion) return null;
  // Decoded before projecting (read-model-event-types.ts): the data has its type's shape.
  const product = { type: event.type, data: event.data } as CatalogueMessage;
  const stamp = { streamVersion: event.streamVersion, updatedAt: event.occurredAt.toISOString() };
  switch (product.type) {
    case CATALOGUE_MESSAGE_TYPES.created: {
      const { code, level, parentCode, section, descriptionEn, descriptionKo } = product.data;
      const known = nomenclature(code);
      return {
        ...describe(code, descriptionEn, descriptionKo),
        level,
        parentCode,
        sectionCode: section,
        // The section's name is the nomenclature's; the event names the section only by numeral.
        sectionNameEn: section === known.sectionCode ? known.sectionNameEn : null,
        ...stamp,
      };
    }
    case CATALOGUE_MESSAGE_TYPES.renamed: {
      const { code, descriptionEn, descriptionKo } = product.data;
      return { ...(current ?? fromNomenclature(code, nomenclature(code))), ...describe(code, descriptionEn, descriptionKo), ...stamp };
    }
    default:
      return assertNever(product, 'product category event');
  }
}

export function fromNomenclature(code: string, entry: NomenclatureEntry): ProductDocument {
  return {
    ...describe(code, entry.descriptionEn, null),
    level: code.length,
    parentCode: code.length === 10 ? code.slice(0, 6) : code.length > 2 ? code.slice(0, code.length - 2) : null,
    sectionCode: entry.sectionCode,
    sectionNameEn: entry.sectionNameEn,
    streamVersion: 0,
    updatedAt: new Date(0).toISOString(),
  };
}

/** The code's names as facts and summaries denormalize them. */
export function codeNamesOf(document: ProductDocument): CodeNames {
  return {
    code: document.code,
    nameEn: document.descriptionEn,
    nameKo: document.descriptionKo,
    sectionCode: document.sectionCode,
    sectionNameEn: document.sectionNameEn,
  };
}

function describe(code: string, descriptionEn: string | null, descriptionKo: string | null) {
  return { code, descriptionEn, descriptionKo, descriptionKoBigrams: koreanGrams(descriptionKo) };
}
