import { Kind, visit, type ArgumentNode, type DocumentNode, type ObjectFieldNode } from 'graphql';
import { ValidationError } from '../../kernel/domain-error';
import { isStorableText, UNSTORABLE_TEXT_REASON as REASON } from '../../kernel/storable-text';

/**
 * The kernel's rule for text no store should receive (storable-text.ts), applied to every string a
 * client sends, in any field of any operation, whether written in the document or passed in
 * variables, before anything runs: no "nothing to change" shortcut of a command comes first.
 */
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
      if (!isStorableText(node.value)) throw new ValidationError(names.join('.') || 'query', REASON);
    },
    [Kind.VARIABLE_DEFINITION]: () => false,
  });
}

function unsafePath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
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
