import { DomainError, ValidationError } from './domain-error';

describe('ValidationError', () => {
  it('given a field and a reason, when raised, then the message, code, category and details are client-safe and specific', () => {
    const error = new ValidationError('hsCode', 'must be 2, 4, 6 or 10 digits, got 5');

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('hsCode must be 2, 4, 6 or 10 digits, got 5');
    expect(error.code).toBe('VALIDATION.INVALID_FIELD');
    expect(error.category).toBe('VALIDATION');
    expect(error.details).toEqual({ field: 'hsCode', reason: 'must be 2, 4, 6 or 10 digits, got 5' });
    expect(error.name).toBe('ValidationError');
  });

  it('given a raised error, when its details are changed, then they stay as raised', () => {
    const error = new ValidationError('period', 'is in the future');

    expect(() => {
      (error.details as Record<string, unknown>).field = 'other';
    }).toThrow(TypeError);
    expect(error.details.field).toBe('period');
  });
});
