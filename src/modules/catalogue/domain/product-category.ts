import { ValidationError } from '../../../kernel/domain-error';
import { domainEvent } from '../../../kernel/domain-event';
import { HsCode, HsLevel } from '../../../kernel/hs-code';
import { requiredText } from '../../../kernel/required-text';
import { ProductCategoryVersionConflictError } from '../catalogue.errors';
import { hsSection } from './hs-section';
import { PRODUCT_CATEGORY_CREATED, PRODUCT_CATEGORY_RENAMED, ProductCategoryEvent } from './product-category.events';
import {
  CreatedProductCategory,
  evolveProductCategory,
  initialProductCategoryState,
  ProductCategoryState,
} from './product-category.state';

const MAX_DESCRIPTION_LENGTH = 1000;

/** Read-only view of the catalogue, passed in by the handler. */
export interface CatalogueReference {
  exists(code: string): boolean;
}

export interface ProductCategoryContext {
  readonly reference: CatalogueReference;
}

export interface ProductCategoryProps {
  readonly code: HsCode;
  /** Roman numeral I-XXI, or null outside the 21 sections (chapter 99). */
  readonly section: string | null;
  readonly descriptionEn: string;
  readonly descriptionKo?: string | null;
}

/** `undefined` leaves a description as it is; `null` clears the Korean one (English is required). */
export interface RenameProductCategory {
  readonly descriptionEn?: string;
  readonly descriptionKo?: string | null;
}

export interface ProductCategorySnapshot {
  readonly code: HsCode;
  readonly section: string | null;
  readonly descriptionEn: string;
  readonly descriptionKo: string | null;
  readonly version: number;
}

export function productCategoryStreamId(code: HsCode): string {
  return `product:${code.value}`;
}

/** One node of the HS hierarchy in our catalogue: chapter, heading, subheading or HSK line. */
export class ProductCategory {
  private pending: ProductCategoryEvent[] = [];

  private constructor(private state: CreatedProductCategory) {}

  /**
   * Adds a code under its parent, which must already be in the catalogue (chapters have none), so
   * the hierarchy never has holes. Whether the code itself exists is the handler's question.
   */
  static create(props: ProductCategoryProps, context: ProductCategoryContext): ProductCategory {
    const { code } = props;
    const section = hsSection(props.section);
    const descriptionEn = description(props.descriptionEn, 'descriptionEn');
    const descriptionKo = koreanDescription(props.descriptionKo ?? null);
    const parent = code.parent;
    if (parent !== null && !context.reference.exists(parent.value)) {
      throw new ValidationError('code', `${code} needs its parent ${parent} in the catalogue first`);
    }
    const event: ProductCategoryEvent = domainEvent(PRODUCT_CATEGORY_CREATED, 1, {
      code: code.value,
      level: code.level,
      parentCode: parent?.value ?? null,
      section,
      descriptionEn,
      descriptionKo,
    });
    const category = new ProductCategory(created(evolveProductCategory(initialProductCategoryState(code), event)));
    category.pending.push(event);
    return category;
  }

  /** Replays a stream, which must start with ProductCategoryCreated. */
  static fromHistory(events: readonly ProductCategoryEvent[]): ProductCategory {
    const [first] = events;
    if (first === undefined) throw new Error('an empty history names no product category');
    const initial = initialProductCategoryState(HsCode.of(first.data.code));
    return new ProductCategory(created(events.reduce(evolveProductCategory, initial)));
  }

  static restore(snapshot: ProductCategorySnapshot): ProductCategory {
    const { version } = snapshot;
    // A bad row is corruption, not a client mistake: a plain Error, which the API masks.
    if (!Number.isInteger(version) || version < 1) throw new Error(`product ${snapshot.code}: stored version ${version} is not >= 1`);
    return new ProductCategory({ status: 'created', ...snapshot });
  }

  get code(): HsCode {
    return this.state.code;
  }

  get level(): HsLevel {
    return this.state.code.level;
  }

  get parentCode(): HsCode | null {
    return this.state.code.parent;
  }

  get section(): string | null {
    return this.state.section;
  }

  get descriptionEn(): string {
    return this.state.descriptionEn;
  }

  get descriptionKo(): string | null {
    return this.state.descriptionKo;
  }

  get version(): number {
    return this.state.version;
  }

  get streamId(): string {
    return productCategoryStreamId(this.state.code);
  }

  toSnapshot(): ProductCategorySnapshot {
    const { code, section, descriptionEn, descriptionKo, version } = this.state;
    return { code, section, descriptionEn, descriptionKo, version };
  }

  /** Records nothing when the descriptions end up as they were; a stale version conflicts first. */
  rename(change: RenameProductCategory, expectedVersion: number): void {
    const { state } = this;
    const descriptionEn = change.descriptionEn === undefined ? state.descriptionEn : description(change.descriptionEn, 'descriptionEn');
    const descriptionKo = change.descriptionKo === undefined ? state.descriptionKo : koreanDescription(change.descriptionKo);
    if (expectedVersion !== state.version) {
      throw new ProductCategoryVersionConflictError(state.code, expectedVersion, state.version);
    }
    if (descriptionEn === state.descriptionEn && descriptionKo === state.descriptionKo) return;
    const event = domainEvent(PRODUCT_CATEGORY_RENAMED, 1, { code: state.code.value, descriptionEn, descriptionKo });
    this.state = created(evolveProductCategory(state, event));
    this.pending.push(event);
  }

  pullPendingEvents(): ProductCategoryEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}

function description(raw: string, field: string): string {
  return requiredText(raw, field, MAX_DESCRIPTION_LENGTH);
}

/** Optional, but never blank: an empty string would be a second way of saying "none". */
function koreanDescription(raw: string | null): string | null {
  return raw === null ? null : description(raw, 'descriptionKo');
}

function created(state: ProductCategoryState): CreatedProductCategory {
  if (state.status === 'created') return state;
  throw new Error(`product category ${state.code} has no creation event`);
}
