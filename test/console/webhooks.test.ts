/**
 * The webhook screens in Chromium, against a local receiver (the server started with loopback
 * endpoints allowed): add a webhook through the form (event types picked by search), see its secret
 * once and check it signs what arrives, send a test and follow it into the deliveries and the
 * drawer, switch off and Undo, rotate, edit, delete. Screenshots in the light theme; the dark
 * theme and the read-only operator are in integration-webhook-views.test.ts.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';

describe('console webhook screens in Chromium', () => {
  const fixture = consolePerSuite('sqlite', () => ({ webhooksAllowLoopback: true }));
  const api = adminApi(fixture);
  // The endpoint the webhooks here point at (allowed: the server takes loopback endpoints).
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(() => receiver?.close());

  it('adds a webhook, shows its secret once, tests it, follows its deliveries, switches it off with Undo and deletes it', async () => {
    const realm = await api('POST', '/realms', { name: 'Hook Shop', slug: 'hook-shop' });
    assert.equal(realm.status, 201);
    const realmId = realm.body.id;
    const { context, page, refusals } = await fixture.open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await fixture.signIn(page, undefined, `/realms/${realmId}/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet').waitFor();

    await page.getByRole('link', { name: 'Add webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a webhook' }).waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Description').fill('Order system');
    await page.getByLabel('Search event types').fill('user.created');
    await page.getByRole('checkbox', { name: 'user.created', exact: true }).check();
    await page.getByLabel('Search event types').fill('webhook');
    await page.getByRole('button', { name: 'Select all shown' }).click();
    await page.getByLabel('Search event types').fill('');
    await accessible(page, 'console-webhook-create-light');
    await page.getByRole('button', { name: 'Add webhook' }).click();

    // The secret, this once, with its warning; it signs what the receiver gets.
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('heading', { name: 'Webhook added: copy its signing secret' }).waitFor();
    await dialog.getByText('This is the only time the secret is shown').waitFor();
    const secret = await dialog.getByLabel('Signing secret').inputValue();
    assert.match(secret, /^whsec_/);
    await accessible(page, 'console-webhook-secret-light');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order system' }).waitFor();
    const hooks = await api('GET', `/realms/${realmId}/webhooks`);
    assert.equal(hooks.body.items.length, 1);
    const hook = hooks.body.items[0];
    assert.equal(hook.url, receiver.url);
    assert.deepEqual([...hook.event_types].sort(), ['user.created', 'webhook.created', 'webhook.deleted', 'webhook.disabled', 'webhook.secret_rotated', 'webhook.updated']);
    assert.equal(hook.description, 'Order system');
    // Never shown again: not on the page, not in the API.
    assert.equal(await page.getByText(secret).count(), 0);
    assert.equal((await api('GET', `/realms/${realmId}/webhooks/${hook.id}`)).body.secret, undefined);

    // The test message, signed with the secret shown.
    const before = receiver.received.length;
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('The endpoint accepted the test message.').waitFor({ timeout: 15_000 });
    const received = await receiver.waitFor(before + 1);
    const test = received.find((entry) => entry.json.type === 'webhook.test');
    assert.ok(test, 'the receiver got the test message');
    const signed = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${test.headers['webhook-id']}.${test.headers['webhook-timestamp']}.${test.body}`).digest('base64');
    assert.equal(test.headers['webhook-signature'], `v1,${signed}`);
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await deliveries.getByRole('button', { name: /webhook\.test/ }).waitFor();
    await deliveries.getByText('Succeeded').first().waitFor();
    await accessible(page, 'console-webhook-light');

    await deliveries.getByRole('button', { name: /webhook\.test/ }).click();
    const drawer = page.locator('dialog.drawer[open]');
    await drawer.getByRole('heading', { name: 'Delivery' }).waitFor();
    await drawer.getByText('"type": "webhook.test"').waitFor();
    await drawer.getByText('200', { exact: true }).waitFor();
    await accessible(page, 'console-webhook-delivery-light');
    await drawer.getByRole('button', { name: 'Send again now' }).click();
    await page.getByText('Delivery queued again.').waitFor();
    await receiver.waitFor(received.length + 1);
    await drawer.getByRole('button', { name: 'Close' }).click();

    // Switch off, then Undo.
    await page.getByRole('button', { name: 'Switch off' }).click();
    await page.getByText('Webhook switched off.').waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/webhooks/${hook.id}`)).body.enabled, false);
    await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Switch off' }).waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/webhooks/${hook.id}`)).body.enabled, true);

    // Rotate: a new secret, once, and the old one signs beside it for a day.
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.locator('dialog[open]');
    await rotated.getByRole('heading', { name: 'New signing secret' }).waitFor();
    assert.notEqual(await rotated.getByLabel('Signing secret').inputValue(), secret);
    await rotated.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByText(/The previous secret also signs until/).waitFor();

    // Edit: a refused URL shown at its field, then a change that lands.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Endpoint URL').fill('http://169.254.169.254/latest');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.field', { has: page.getByLabel('Endpoint URL') }).locator('.error-text').waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Description').fill('Orders and more');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders and more' }).waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/webhooks/${hook.id}`)).body.description, 'Orders and more');

    await page.getByRole('link', { name: 'Webhooks' }).first().click();
    await page.getByRole('table', { name: 'Webhooks of this realm' }).getByText(receiver.url).waitFor();
    await accessible(page, 'console-webhooks-light');
    await page.getByRole('table', { name: 'Webhooks of this realm' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/webhooks/${hook.id}`)).status, 404);
    assert.deepEqual(refusals, []);
    await context.close();
  });

});
