import { RetryBudget } from './retry-policy';

describe('retry budget (unit)', () => {
  const policy = { maxRetries: 3, baseMs: 100, maxMs: 350 };

  it('retries with capped exponential back-off, then gives up', () => {
    const budget = new RetryBudget(policy, 'consume');

    const decisions = [1, 2, 3, 4].map(() => budget.fail(false));

    expect(decisions).toEqual([
      { retry: true, delayMs: 100 },
      { retry: true, delayMs: 200 },
      { retry: true, delayMs: 350 },
      { retry: false },
    ]);
    expect(budget.attempts).toBe(4);
  });

  it('gives up at once with no retries configured', () => {
    expect(new RetryBudget({ ...policy, maxRetries: 0 }, 'consume').fail(false)).toEqual({ retry: false });
  });

  it('never gives up on transient failures while consuming, and they do not use the budget', () => {
    const budget = new RetryBudget(policy, 'consume');

    const transient = Array.from({ length: 20 }, () => budget.fail(true));

    expect(transient.every((decision) => decision.retry)).toBe(true);
    expect(transient.at(-1)).toEqual({ retry: true, delayMs: 350 });
    expect([1, 2, 3, 4].map(() => budget.fail(false).retry)).toEqual([true, true, true, false]);
  });

  it('counts transient failures like any other in a replay, so that the command ends', () => {
    const budget = new RetryBudget(policy, 'replay');

    expect([1, 2, 3, 4].map(() => budget.fail(true).retry)).toEqual([true, true, true, false]);
  });
});
