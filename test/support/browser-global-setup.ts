import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertComponentsUp } from '../../src/platform/health/preflight';
import { REPO_ROOT } from './app-process';
import { buildWhenStale } from './build-when-stale';
import { recordMeasurement } from './browser-measurements';
import { chromiumPath } from './chromium';
import { SampleWorld, SMALL_SAMPLE } from './sample-world';
import { testConfig } from './test-config';

/**
 * The browser suite's one world, shared by its files (they run in band): the built service and
 * page, a database seeded with a small sample by the CLI, and Chromium from Debian's package.
 * The teardown removes the world; the files only stop what they start.
 */
export default async function browserGlobalSetup(): Promise<void> {
  buildWhenStale();
  if (!existsSync(join(REPO_ROOT, 'web/dist/index.html'))) throw new Error('web/dist/index.html is missing: build the page first (make build)');
  chromiumPath();
  await assertComponentsUp(testConfig());
  const world = await SampleWorld.create({ sample: SMALL_SAMPLE });
  world.publish();
  recordMeasurement('set-up: world seeded and projected', { ...world.timings });
  // Jest runs the teardown in this process: a global is how the two share the world.
  Object.assign(globalThis, { browserWorld: world });
}
