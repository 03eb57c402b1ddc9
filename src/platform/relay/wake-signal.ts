/**
 * A coalescing wake-up: any number of wake() calls while nobody waits count as one, so a
 * notification that arrives while the relay is busy still makes its next wait return at once.
 */
export class WakeSignal {
  private pending = false;
  private waiter: (() => void) | null = null;

  wake(): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter();
    } else {
      this.pending = true;
    }
  }

  /**
   * Resolves true when woken, false when the timeout passed first. `ref: false` leaves the timer
   * out of what keeps the process alive (a wait its owner may abandon on shutdown).
   */
  wait(timeoutMs: number, { ref = true }: { readonly ref?: boolean } = {}): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(false);
      }, timeoutMs);
      if (!ref) timer.unref();
      this.waiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
