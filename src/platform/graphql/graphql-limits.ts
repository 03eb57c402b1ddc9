import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { NoSchemaIntrospectionCustomRule, type ParseOptions, type ValidationRule } from 'graphql';
import type { AppConfig } from '../../config/app-config';

/**
 * The document's shape limits, checked before anything runs: the parser stops at a number of
 * tokens (so a huge document costs neither memory nor validation time), and validation caps depth
 * (following fragments and introspection alike: a fragment is no way around it) and aliases (one
 * cheap field asked for a thousand times). Breadth is the complexity rule's (complexity.rule.ts).
 */
export function parseLimits(config: Pick<AppConfig, 'GRAPHQL_MAX_TOKENS'>): ParseOptions {
  return { maxTokens: config.GRAPHQL_MAX_TOKENS };
}

export function validationLimits(
  config: Pick<AppConfig, 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_INTROSPECTION'>,
): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: false, flattenFragments: true, exposeLimits: true }),
    maxAliasesRule({ n: config.GRAPHQL_MAX_ALIASES, exposeLimits: true }),
  ];
  if (!config.GRAPHQL_INTROSPECTION) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
