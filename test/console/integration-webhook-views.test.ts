/**
 * The webhook screens in the dark theme and for a read-only operator. The endpoint here is a public
 * https name this test server cannot (or may not) reach, so its deliveries show the failing side:
 * pending with the error and the next attempt. A read-only operator sees it all and no control.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console webhook screens: dark theme and read-only', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('shows the list, create form, webhook page and delivery drawer dark; a read-only operator gets no controls', async () => {
    const realm = (await api('POST', '/realms', { name: 'Dark Hooks', slug: 'dark-hooks' })).body;
    const made = await api('POST', `/realms/${realm.id}/webhooks`, { url: 'https://hooks.example.com/keyrealm', event_types: ['user.*', 'webhook.created'], description: 'Audit feed' });
    assert.equal(made.status, 201);
    assert.equal((await api('POST', `/realms/${realm.id}/webhooks/${made.body.id}/test`)).status, 202);

    const { context, page } = await fixture.open({ theme: 'dark' });
    await fixture.signIn(page, undefined, `/realms/${realm.id}/webhooks`);
    await page.getByRole('table', { name: 'Webhooks of this realm' }).getByRole('link').first().waitFor();
    await accessible(page, 'console-webhooks-dark');
    await page.getByRole('link', { name: 'Add webhook' }).click();
    await page.getByLabel('Endpoint URL').waitFor();
    await accessible(page, 'console-webhook-create-dark');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('table', { name: 'Webhooks of this realm' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: 'Audit feed' }).waitFor();
    // The wildcard is kept as it was given, and shown.
    await page.getByText('user.*', { exact: true }).waitFor();
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await deliveries.getByRole('button', { name: /webhook\.test/ }).waitFor();
    await accessible(page, 'console-webhook-dark');
    await deliveries.getByRole('button', { name: /webhook\.test/ }).click();
    await page.locator('dialog.drawer[open]').getByText('"type": "webhook.test"').waitFor();
    await accessible(page, 'console-webhook-delivery-dark');
    await context.close();

    await fixture.addOperator('hooks-reader@example.com', [{ permission: 'read' }]);
    const reader = await fixture.open();
    await fixture.signIn(reader.page, { email: 'hooks-reader@example.com', password: OPERATOR_PASSWORD }, `/realms/${realm.id}/webhooks`);
    const list = reader.page.getByRole('table', { name: 'Webhooks of this realm' });
    await list.getByRole('link').first().waitFor();
    assert.equal(await reader.page.getByRole('link', { name: 'Add webhook' }).count(), 0);
    await list.getByRole('link').first().click();
    await reader.page.getByRole('heading', { level: 1, name: 'Audit feed' }).waitFor();
    await reader.page.getByRole('table', { name: 'Deliveries' }).getByRole('button').first().click();
    await reader.page.locator('dialog.drawer[open]').getByText('"type"').first().waitFor();
    for (const name of ['Send test', 'Edit', 'Switch off', 'Rotate secret', 'Delete', 'Send again now']) assert.equal(await reader.page.getByRole('button', { name }).count(), 0, name);
    await reader.context.close();
  });
});
