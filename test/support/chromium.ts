import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from './app-process';

/** Where the browser tests write their screenshots (the README shows copies from docs/screenshots/). */
export const SCREENSHOTS = join(REPO_ROOT, 'reports/screenshots');

/** Debian's chromium, installed by the project's script (which prints its path); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const path = execFileSync('bash', [join(REPO_ROOT, 'scripts/chromium.sh'), 'ensure'], { encoding: 'utf8' }).trim().split('\n').at(-1);
  if (!path) throw new Error('scripts/chromium.sh ensure printed no path');
  process.env.CHROMIUM_PATH = path;
  return path;
}

/** A headless Chromium of its own (playwright-core never downloads a browser: it drives the Debian one). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
