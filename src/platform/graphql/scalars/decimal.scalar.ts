import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

/**
 * Exact decimals travel as strings ("1234.50"); whole numbers may also be sent as Int literals.
 * Floats are refused at the edge: a binary float cannot carry cents exactly. Range and precision
 * are checked by the domain's value objects, which name the field.
 */
@Scalar('Decimal')
export class DecimalScalar implements CustomScalar<string, string> {
  description = 'An exact decimal number, sent and returned as a string such as "1234.50"';

  parseValue(value: unknown): string {
    return toDecimalString(value);
  }

  serialize(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'bigint') return value.toString();
    if (value !== null && typeof value === 'object' && 'toString' in value) return String(value);
    throw new GraphQLError(`Decimal cannot represent ${typeof value}`);
  }

  parseLiteral(ast: ValueNode): string {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return ast.value;
    throw new GraphQLError('Decimal literals must be strings like "1234.50" or whole numbers; floats lose cents');
  }
}

function toDecimalString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new GraphQLError('Decimal values must be strings like "1234.50" or whole numbers; floats lose cents');
}
