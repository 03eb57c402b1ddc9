import { assertNever } from '../../../kernel/domain-event';
import { HsCode } from '../../../kernel/hs-code';
import { PRODUCT_CATEGORY_CREATED, PRODUCT_CATEGORY_RENAMED, ProductCategoryEvent } from './product-category.events';

export interface AbsentProductCategory {
  readonly status: 'absent';
  readonly code: HsCode;
  readonly version: 0;
}

/** Level and parent are not stored: they follow from the code. */
export interface CreatedProductCategory {
  readonly status: 'created';
  readonly code: HsCode;
  readonly section: string | null;
  readonly descriptionEn: string;
  readonly descriptionKo: string | null;
  readonly version: number;
}

export type ProductCategoryState = AbsentProductCategory | CreatedProductCategory;

export function initialProductCategoryState(code: HsCode): ProductCategoryState {
  return { status: 'absent', code, version: 0 };
}

/** Applies one event; the only place product category state changes. A rename needs a creation. */
export function evolveProductCategory(state: ProductCategoryState, event: ProductCategoryEvent): ProductCategoryState {
  if (event.data.code !== state.code.value) {
    throw new Error(`${event.type} of ${event.data.code} cannot apply to product category ${state.code}`);
  }
  const version = state.version + 1;
  switch (event.type) {
    case PRODUCT_CATEGORY_CREATED: {
      const { section, descriptionEn, descriptionKo } = event.data;
      return { status: 'created', code: state.code, section, descriptionEn, descriptionKo, version };
    }
    case PRODUCT_CATEGORY_RENAMED: {
      if (state.status !== 'created') throw new Error(`${event.type} of ${state.code} before ${PRODUCT_CATEGORY_CREATED}`);
      const { descriptionEn, descriptionKo } = event.data;
      return { ...state, descriptionEn, descriptionKo, version };
    }
    default:
      return assertNever(event, 'product category event');
  }
}
