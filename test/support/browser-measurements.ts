import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './app-process';

/**
 * What the browser tests measure but do not assert (timed targets are the benchmark's): kept in
 * reports/browser/measurements.json, beside jest's own report, one entry per name, the latest run's.
 */
const FILE = join(REPO_ROOT, 'reports/browser/measurements.json');

export function recordMeasurement(name: string, value: Record<string, unknown>): void {
  mkdirSync(join(FILE, '..'), { recursive: true });
  let measurements: Record<string, unknown> = {};
  try {
    measurements = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    measurements = {};
  }
  measurements[name] = { ...value, at: new Date().toISOString() };
  writeFileSync(FILE, `${JSON.stringify(measurements, null, 2)}\n`);
  process.stdout.write(`[browser] ${name}: ${JSON.stringify(value)}\n`);
}
