/**
 * Real Chromium for page tests: Debian's package (/usr/bin/chromium, installed by .ci/run),
 * driven by playwright-core. The flags keep it from reaching for the network this machine does not
 * have (and from failing on it), and from needing a sandbox as root.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { perSuite } from './suite.ts';

export const CHROMIUM_PATH = process.env.KEYREALM_TEST_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** One browser for the enclosing `describe`, closed after its tests. */
export function browserPerSuite(): { browser: Browser } {
  return perSuite(async () => {
    const browser = await launchChromium();
    return { browser, dispose: () => browser.close() };
  });
}

/** Where page tests leave their screenshots for a person to look at (git-ignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** Screenshots of a page at desktop and phone widths, as `test-artifacts/<name>-<width>.png`; the page keeps its own size after. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const own = page.viewportSize();
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (own) await page.setViewportSize(own);
}

/** Asserts axe finds nothing serious or critical on the page, then takes its screenshots. */
export async function accessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.help}`), [], `accessibility of ${name}`);
  await screenshots(page, name);
}

/** Collects what the browser says about Content-Security-Policy refusals, to assert there are none. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}
