import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '../../kernel/domain-error';

/**
 * Expected failures go back to the client as they are (the error formatter shapes them); without
 * this filter Nest would log every rejected command as an application error.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
