import { Kind, visit, type ArgumentNode, type DocumentNode, type ObjectFieldNode } from 'graphql';
import { ValidationError } from '../../kernel/domain-error';

/**
 * Text that no store should receive as it is: a NUL (PostgreSQL refuses it in text and jsonb, so
 * it would surface as INTERNAL) and a UTF-16 surrogate without its pair (no valid UTF-8 encodes it;
 * drivers replace it silently). One rule for every string a client sends, in any field of any
 * operation, whether written in the document or passed in variables.
 */
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REASON = 'contains a NUL character or an unpaired UTF-16 surrogate';

export function assertSafeText(document: DocumentNode, variables?: Record<string, unknown> | null): void {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const path = unsafePath(value, name);
    if (path) throw new ValidationError(path, REASON);
  }
  const names: string[] = [];
  visit(document, {
    Argument: { enter: (node: ArgumentNode) => void names.push(node.name.value), leave: () => void names.pop() },
    ObjectField: { enter: (node: ObjectFieldNode) => void names.push(node.name.value), leave: () => void names.pop() },
    StringValue: (node) => {
      if (UNSAFE.test(node.value)) throw new ValidationError(names.join('.') || 'query', REASON);
    },
    [Kind.VARIABLE_DEFINITION]: () => false,
  });
}

function unsafePath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSAFE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unsafePath(item, `${path}.${index}`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = unsafePath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
