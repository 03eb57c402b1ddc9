/** The aliases (IndexSet) queries read and live projectors write, for this deployment's prefix. */
export const READ_MODEL_ALIASES = Symbol('READ_MODEL_ALIASES');
