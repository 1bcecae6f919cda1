/**
 * What the console's Chromium suites share: a server listening on loopback with the console's
 * application registered as `npm start` registers it, one Chromium, and an operator's sign-in on
 * the admin realm's hosted pages (password, then a TOTP code when the operator has one).
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureConsoleApplication } from '../../src/console/console-application.ts';
import { systemActor } from '../../src/events/event-log.ts';
import type { Grant } from '../../src/operators/permissions.ts';
import { accessible, cspViolations, launchChromium } from '../support/browser.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';
import { perSuite } from '../support/suite.ts';
import { startOidcServer, type OidcTestServer } from '../oidc/oidc-fixtures.ts';
import type { DialectName } from '../../src/storage/database.ts';
import type { Config } from '../../src/config/options.ts';

export { ADMIN_EMAIL, ADMIN_PASSWORD };
export const OPERATOR_PASSWORD = 'console operator passphrase 7';

export interface ConsoleFixture {
  server: OidcTestServer;
  browser: Browser;
  /** A fresh browser (no cookies) in the given colour scheme, its CSP refusals collected in `refusals`. */
  open(options?: { theme?: 'light' | 'dark'; phone?: boolean }): Promise<{ context: BrowserContext; page: Page; refusals: string[] }>;
  /** Signs in on the hosted pages from `/console<path>` and waits for the console to show. */
  signIn(page: Page, credentials?: { email: string; password: string; code?: () => string }, path?: string): Promise<void>;
  /** An operator with these grants (password OPERATOR_PASSWORD). */
  addOperator(email: string, grants: Grant[]): Promise<{ id: string }>;
  dispose(): Promise<void>;
}

/** `overrides`: server settings beyond the tests' defaults (e.g. loopback webhook endpoints), read when the suite starts. */
export function consolePerSuite(dialect: DialectName = 'sqlite', overrides: () => Partial<Config> = () => ({})): ConsoleFixture {
  return perSuite(async () => {
    const server = await startOidcServer(dialect, overrides());
    await ensureConsoleApplication({ realms: server.services.realms, applications: server.services.applications, publicUrl: server.baseUrl });
    const browser = await launchChromium();
    return {
      server,
      browser,
      async open(options = {}) {
        const context = await browser.newContext({
          colorScheme: options.theme ?? 'light',
          viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
        });
        const page = await context.newPage();
        return { context, page, refusals: cspViolations(page) };
      },
      async signIn(page, credentials = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, path = '/realms') {
        await page.goto(`${server.baseUrl}/console${path}`);
        await page.getByLabel('Email or username').fill(credentials.email);
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByLabel('Password').fill(credentials.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        if (credentials.code) {
          await page.getByLabel('Code', { exact: true }).fill(credentials.code());
          await page.getByRole('button', { name: 'Verify' }).click();
        }
        await page.waitForURL(`${server.baseUrl}/console/**`);
        await page.locator('main#content h1').first().waitFor();
      },
      async addOperator(email, grants) {
        const made = await server.services.operators.create({ email, password: OPERATOR_PASSWORD, display_name: email.split('@')[0], grants }, systemActor);
        return { id: made.id };
      },
      async dispose() {
        await browser.close();
        await server.dispose();
      },
    };
  });
}

/** A JSON body from the admin API, read loosely. */
export type Body = Record<string, any>;

/**
 * The admin API as the test server's superadmin, for the suite's `fixture` (read at each call, so
 * declare it while the suite is declared): `api('POST', '/realms', body)` under `/admin/v1`; a 204's body is `{}`.
 */
export function adminApi(fixture: { server: OidcTestServer }) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
    const response = await fetch(`${fixture.server.baseUrl}/admin/v1${path}`, {
      method,
      headers: { ...fixture.server.adminHeaders, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Body) };
  };
}

/** Waits for `check` to hold, polling every 100 ms for up to 5 s. */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/**
 * `accessible()` in the light theme, then the dark (as `<name>-light` and `<name>-dark`): the theme
 * set as the console's toggle sets it, without a reload losing the screen's state. Leaves it light.
 */
export async function accessibleInBothThemes(page: Page, name: string): Promise<void> {
  const theme = (value: string) => page.evaluate((chosen) => { document.documentElement.dataset.theme = chosen; }, value);
  await theme('light');
  await accessible(page, `${name}-light`);
  await theme('dark');
  await accessible(page, `${name}-dark`);
  await theme('light');
}
