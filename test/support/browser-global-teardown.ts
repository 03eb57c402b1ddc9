import type { SampleWorld } from './sample-world';

/** Removes the world the browser suite's set-up created: its instance, indexes, broker names and database. */
export default async function browserGlobalTeardown(): Promise<void> {
  const { browserWorld } = globalThis as { browserWorld?: SampleWorld };
  await browserWorld?.remove();
}
