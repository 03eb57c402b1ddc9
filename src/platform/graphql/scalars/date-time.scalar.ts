import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as an ISO 8601 string with an explicit offset, e.g. "2026-08-15T09:00:00+09:00". */
@Scalar('DateTime')
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'An instant in ISO 8601 with an explicit offset, e.g. 2026-08-15T09:00:00Z';

  parseValue(value: unknown): Date {
    return parse(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return parse(value).toISOString();
    throw new GraphQLError(`DateTime cannot represent ${typeof value}`);
  }

  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime literals must be strings');
    return parse(ast.value);
  }
}

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be ISO 8601 with an offset, got ${JSON.stringify(value)}`);
  }
  return new Date(value);
}
