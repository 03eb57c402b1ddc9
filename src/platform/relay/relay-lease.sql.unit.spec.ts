import { leaseLockKeys } from './relay-lease.sql';

describe('relay lease lock keys (unit)', () => {
  it('are stable, positive 32-bit integers, different per relay name', () => {
    const [namespace, main] = leaseLockKeys('main');

    expect(leaseLockKeys('main')).toEqual([namespace, main]);
    expect(main).toBeGreaterThanOrEqual(0);
    expect(main).toBeLessThan(2 ** 31);
    expect(namespace).toBeLessThan(2 ** 31);
    expect(leaseLockKeys('test-relay-1')[1]).not.toBe(main);
  });
});
