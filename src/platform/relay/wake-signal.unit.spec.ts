import { WakeSignal } from './wake-signal';

describe('wake signal (unit)', () => {
  it('wakes a waiter', async () => {
    const signal = new WakeSignal();
    const waiting = signal.wait(10_000);

    signal.wake();

    expect(await waiting).toBe(true);
  });

  it('remembers a wake-up that came while nobody waited, once', async () => {
    const signal = new WakeSignal();
    signal.wake();
    signal.wake();

    expect(await signal.wait(10_000)).toBe(true);
    expect(await signal.wait(5)).toBe(false);
  });
});
