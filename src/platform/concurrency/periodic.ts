import { Stopper } from './stopper';

/**
 * A background job of an instance: `work` runs, then again `intervalMs` after it ended, until
 * stopped. A failing round is reported and the next one comes as usual; stop() waits for the round
 * in progress, and cuts the pause short.
 */
export class Periodic {
  private readonly stopper = new Stopper();
  private running: Promise<void> = Promise.resolve();

  start(work: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void): void {
    this.running = (async () => {
      while (!this.stopper.stopping) {
        try {
          await work();
        } catch (error) {
          onError(error);
        }
        await this.stopper.sleep(intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopper.stop();
    await this.running;
  }
}
