/**
 * What the access screens' Chromium suites show: a realm with roles (a composite, an inactive one),
 * assignments in and out of their window, tenants with members, service keys kept under `encrypt`
 * and a policy module; and the screens to visit, each with what shows it is ready.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { adminApi, type ConsoleFixture } from './console-fixtures.ts';

export async function seedAccess(fixture: ConsoleFixture): Promise<string> {
  const call = adminApi(fixture);
  // Seeding must not fail quietly: every call has to succeed.
  const api = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body);
    assert.ok(answer.status >= 200 && answer.status < 300, JSON.stringify(answer.body));
    return answer.body;
  };
  const realm = (await api('POST', '/realms', { name: 'Northwind' })) as { id: string };
  await api('PATCH', `/realms/${realm.id}`, { api_keys: { policy: 'encrypt' } });
  const ada = (await api('POST', `/realms/${realm.id}/users`, { email: 'ada@example.com', display_name: 'Ada Lovelace' })) as { id: string };
  const bob = (await api('POST', `/realms/${realm.id}/users`, { email: 'bob@example.com', display_name: 'Bob Kahn' })) as { id: string };
  await api('POST', `/realms/${realm.id}/roles`, { slug: 'clerk', display_name: 'Clerk', description: 'Reads invoices.', permissions: ['invoices:read', 'invoices:list'] });
  await api('POST', `/realms/${realm.id}/roles`, { slug: 'manager', display_name: 'Manager', permissions: ['invoices:write', 'invoices:approve'], includes: ['clerk'] });
  await api('POST', `/realms/${realm.id}/roles`, { slug: 'auditor', active: false, permissions: ['reports:*'] });
  await api('POST', `/realms/${realm.id}/users/${ada.id}/roles`, { role: 'manager' });
  await api('POST', `/realms/${realm.id}/users/${bob.id}/roles`, { role: 'manager', starts_at: '2030-01-01T00:00:00Z', ends_at: '2030-02-01T00:00:00Z' });
  await api('POST', `/realms/${realm.id}/tenants`, { slug: 'north', name: 'North branch', custom: { region: 'eu', seats: 25 } });
  await api('POST', `/realms/${realm.id}/tenants`, { slug: 'south', name: 'South branch', active: false });
  await api('POST', `/realms/${realm.id}/tenants/north/members`, { user_id: ada.id, roles: ['manager'] });
  await api('POST', `/realms/${realm.id}/tenants/north/members`, { user_id: bob.id });
  await api('POST', `/realms/${realm.id}/api-keys`, { name: 'reporting', service: 'billing', capabilities: { 'invoices:read': 'allow', 'invoices:delete': 'deny' }, expires_in_days: 90 });
  await api('POST', `/realms/${realm.id}/api-keys`, { name: 'nightly sync' });
  await api('PUT', `/realms/${realm.id}/policies/invoices`, {
    policy: '@id("read-invoices")\npermit(principal, action == Action::"invoices:read", resource is Resource)\nwhen { resource.type == "invoices" };\n\n@id("no-archived")\nforbid(principal, action, resource)\nwhen { resource.hasTag("state") && resource.getTag("state") == "archived" };\n',
  });
  return realm.id;
}

export const accessScreens = (realm: string) => [
  { name: 'roles', path: `/realms/${realm}/roles`, ready: (page: Page) => page.getByRole('link', { name: 'Manager' }).waitFor() },
  { name: 'role', path: `/realms/${realm}/roles/manager`, ready: async (page: Page) => {
    // Holders are named a moment after their rows arrive.
    await page.getByRole('link', { name: /Bob Kahn/ }).waitFor();
    await page.getByRole('link', { name: /Ada Lovelace/ }).waitFor();
  } },
  { name: 'tenants', path: `/realms/${realm}/tenants`, ready: (page: Page) => page.getByRole('link', { name: 'North branch' }).waitFor() },
  { name: 'tenant', path: `/realms/${realm}/tenants/north`, ready: async (page: Page) => {
    await page.getByRole('link', { name: /Ada Lovelace/ }).waitFor();
    await page.getByRole('link', { name: /Bob Kahn/ }).waitFor();
  } },
  { name: 'api-keys', path: `/realms/${realm}/api-keys`, ready: (page: Page) => page.getByText('nightly sync').waitFor() },
  { name: 'policies', path: `/realms/${realm}/policies`, ready: (page: Page) => page.getByRole('link', { name: 'invoices' }).waitFor() },
  { name: 'policy', path: `/realms/${realm}/policies/invoices`, ready: (page: Page) => page.getByText('Version 1', { exact: true }).waitFor() },
];

/** In-app navigation (no reload, no new sign-in): the console follows history and popstate. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', `/console${to}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Every access screen through `accessible` (axe, then screenshots) as `console-<screen>-<theme>`. */
export async function screenshotAll(fixture: ConsoleFixture, realm: string, theme: 'light' | 'dark'): Promise<string[]> {
  const { accessible } = await import('../support/browser.ts');
  const { context, page, refusals } = await fixture.open({ theme });
  await fixture.signIn(page, undefined, `/realms/${realm}/roles`);
  for (const screen of accessScreens(realm)) {
    await visit(page, screen.path);
    await screen.ready(page);
    await accessible(page, `console-${screen.name}-${theme}`);
  }
  await context.close();
  return refusals;
}
