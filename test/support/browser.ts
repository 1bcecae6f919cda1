/**
 * Real Chromium for page tests: Debian's package (/usr/bin/chromium, installed by .ci/run),
 * driven by playwright-core. The flags keep it from reaching for the network this machine does not
 * have (and from failing on it), and from needing a sandbox as root.
 */
import { chromium, type Browser } from 'playwright-core';
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
