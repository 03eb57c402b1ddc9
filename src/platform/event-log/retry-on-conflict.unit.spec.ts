import { DomainError, ValidationError, type ErrorCategory } from '../../kernel/domain-error';
import { ExclusionViolation } from './aggregate-store';
import { isLostRace, onExpectedVersion, retryOnConflict } from './retry-on-conflict';
import { StreamVersionConflict } from './stream-version-conflict';

/** A domain error as AggregateRepository makes one of a lost race (the store's conflict as its cause), or as a decision raises one (no cause). */
class Lost extends DomainError {
  readonly code = 'TEST.LOST';

  constructor(
    readonly category: ErrorCategory,
    cause: unknown = new StreamVersionConflict('test:1', 1),
  ) {
    super('lost a race');
    if (cause !== null) this.cause = cause;
  }
}

/** A decide-and-save that loses its race `losses` times, then saves. */
function losing(losses: number, category: ErrorCategory = 'VERSION_CONFLICT') {
  const attempts: number[] = [];
  const attempt = async (number = attempts.length + 1) => {
    attempts.push(number);
    if (attempts.length <= losses) throw new Lost(category);
    return 'saved';
  };
  return { attempt, attempts };
}

describe('retryOnConflict', () => {
  it('given a save that loses twice, when three attempts are allowed, then the third saves', async () => {
    const { attempt, attempts } = losing(2);

    await expect(retryOnConflict(attempt, 3)).resolves.toBe('saved');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('given a save that keeps losing, then the last loss is thrown', async () => {
    const { attempt, attempts } = losing(9);

    await expect(retryOnConflict(attempt, 3)).rejects.toBeInstanceOf(Lost);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('given a new stream that another writer created first (DUPLICATE), then it decides again', async () => {
    const { attempt } = losing(1, 'DUPLICATE');

    await expect(retryOnConflict(attempt, 2)).resolves.toBe('saved');
  });

  it('given a refusal by a rule across aggregates (CONFLICT, such as an HS-level overlap), then it is thrown at once, not decided again', async () => {
    const attempts: number[] = [];
    const overlapping = retryOnConflict(async (number) => {
      attempts.push(number);
      throw new Lost('CONFLICT', new ExclusionViolation('export_statistic', 'export_statistic_hs_level_overlap'));
    }, 3);

    await expect(overlapping).rejects.toBeInstanceOf(Lost);
    expect(attempts).toEqual([1]);
  });

  it('never retries a failure that is not a lost race', async () => {
    let calls = 0;
    const invalid = retryOnConflict(async () => {
      calls++;
      throw new ValidationError('code', 'is not a code');
    }, 3);

    await expect(invalid).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBe(1);
  });

  it.each(['VERSION_CONFLICT', 'DUPLICATE'] as const)(
    'never retries a %s the decision raised itself (no store conflict behind it): deciding again would only repeat it',
    async (category) => {
      let calls = 0;
      const refused = retryOnConflict(async () => {
        calls++;
        throw new Lost(category, null);
      }, 3);

      await expect(refused).rejects.toBeInstanceOf(Lost);
      expect(calls).toBe(1);
    },
  );

  it('given the store\'s own conflict, not yet made a domain error, then it decides again', async () => {
    let calls = 0;
    const saved = retryOnConflict(async () => {
      if (++calls === 1) throw new StreamVersionConflict('test:1', 1);
      return 'saved';
    }, 2);

    await expect(saved).resolves.toBe('saved');
  });
});

describe('isLostRace', () => {
  it('is a lost race only when the store\'s conflict is the cause', () => {
    expect(isLostRace(new Lost('VERSION_CONFLICT'))).toBe(true);
    expect(isLostRace(new Lost('VERSION_CONFLICT', new Error('something else')))).toBe(false);
    expect(isLostRace(new Lost('DUPLICATE', null))).toBe(false);
    expect(isLostRace(new StreamVersionConflict('test:1', 0))).toBe(true);
    expect(isLostRace(new Error('stream test:1 is not at version 1'))).toBe(false);
  });
});

describe('onExpectedVersion', () => {
  it('given no expected version, when another writer wins in between, then it is decided again on the current one', async () => {
    const { attempt, attempts } = losing(1);

    await expect(onExpectedVersion(undefined, () => attempt())).resolves.toBe('saved');
    expect(attempts).toHaveLength(2);
  });

  it('given an expected version, then a lost race is the client\'s conflict at once', async () => {
    const { attempt, attempts } = losing(1);

    await expect(onExpectedVersion(3, () => attempt())).rejects.toBeInstanceOf(Lost);
    expect(attempts).toHaveLength(1);
  });
});
