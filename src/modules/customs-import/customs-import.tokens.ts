/** The HS nomenclature as the planner sees it (a port; nomenclatureHsTree in production). */
export const HS_TREE = Symbol('HS_TREE');
/** Known partner codes and the customs alias table (a port; committedPartnerReference in production). */
export const PARTNER_REFERENCE = Symbol('PARTNER_REFERENCE');
