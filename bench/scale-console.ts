/**
 * The admin console against a server holding the scale benchmark's realms (bench/scale.ts), in
 * Chromium as an operator sees it: how long a first load takes to show the realms list (a new
 * browser profile with an empty cache, already signed in to the admin realm, so the time covers
 * the page, its script, the sign-in round trip and the first page of realms), and how long a
 * search takes — the API's answer as the browser timed it, and keystroke to rows on screen
 * (which includes the search box's 120 ms debounce).
 */
import { chromium, type Browser } from 'playwright-core';
import { summarise, type Latency } from './scale-measure.ts';

export interface ConsoleFigures {
  first_load: Latency;
  search_api: Latency;
  search_shown: Latency;
}

async function signedInState(browser: Browser, base: string, operator: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/console/realms`);
  await page.getByLabel('Email or username').fill(operator.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[role="row"][aria-rowindex="2"]').waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

export async function measureConsole(base: string, operator: { email: string; password: string }, queries: { prefix: string; expect: string }[], loads = 10): Promise<ConsoleFigures> {
  const browser = await chromium.launch({ executablePath: process.env.KEYREALM_TEST_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const state = await signedInState(browser, base, operator);
    const firstLoads: number[] = [];
    for (let n = 0; n < loads; n++) {
      const context = await browser.newContext({ storageState: state });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}/console/realms`);
      await page.locator('[role="row"][aria-rowindex="2"]').waitFor();
      firstLoads.push(performance.now() - started);
      await context.close();
    }

    const context = await browser.newContext({ storageState: state });
    const page = await context.newPage();
    await page.goto(`${base}/console/realms`);
    await page.locator('[role="row"][aria-rowindex="2"]').waitFor();
    const search = page.getByLabel('Search realms');
    const apiTimes: number[] = [];
    const shownTimes: number[] = [];
    for (const query of queries) {
      const answered = page.waitForResponse((response) => response.url().includes(`q=${encodeURIComponent(query.prefix)}`));
      const started = performance.now();
      await search.fill(query.prefix);
      const response = await answered;
      await page.getByRole('link', { name: query.expect, exact: true }).waitFor();
      shownTimes.push(performance.now() - started);
      const timing = response.request().timing();
      apiTimes.push(timing.responseEnd - timing.requestStart);
    }
    await context.close();
    return { first_load: summarise(firstLoads), search_api: summarise(apiTimes), search_shown: summarise(shownTimes) };
  } finally {
    await browser.close();
  }
}
