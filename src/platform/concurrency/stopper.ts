/** A stop flag with sleeps that end early when stopping, so back-offs never delay a shutdown. */
export class Stopper {
  private stopped = false;
  private readonly sleepers = new Set<() => void>();

  get stopping(): boolean {
    return this.stopped;
  }

  stop(): void {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

export class StoppingError extends Error {
  constructor() {
    super('the consumer is stopping');
    this.name = 'StoppingError';
  }
}
