/**
 * A realm's applications in Chromium: a `web` application created through the kind-first form, its
 * secret shown once, rotated (the new one shown once), its redirect URIs edited, disabled with Undo
 * and deleted with its name typed, every change checked through the API; a change to the
 * console's own application is asked about first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibleInBothThemes, adminApi, consolePerSuite } from './console-fixtures.ts';

describe('console applications in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('creates a web application, shows its secret once, rotates it and edits its redirect URIs', async () => {
    const realm = (await api('POST', '/realms', { name: 'Store', slug: 'store' })).body as { id: string };
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}/applications`);
    await page.getByText('No applications yet').waitFor();
    await accessibleInBothThemes(page, 'console-applications-empty');

    await page.getByRole('button', { name: 'Create application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an application' });
    await dialog.getByRole('radio', { name: /Web application/ }).check();
    await accessibleInBothThemes(page, 'console-application-create-kind');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('Storefront');
    // A machine's settings are not offered to a web application, and CORS is for an spa only.
    assert.equal(await dialog.getByText('Extra CORS origins').count(), 0);
    await dialog.getByLabel('New entry for Redirect URIs').fill('https://store.example.com/callback');
    await dialog.getByLabel('New entry for Redirect URIs').press('Enter');
    await dialog.getByLabel('Redirect URIs, entry 1').waitFor();
    await accessibleInBothThemes(page, 'console-application-create');
    await dialog.getByRole('button', { name: 'Create application' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Copy the client secret now' });
    await secretDialog.getByText('This is the only time the secret is shown').waitFor();
    const secret = await secretDialog.getByLabel('Client secret').inputValue();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    await accessibleInBothThemes(page, 'console-application-secret');
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('heading', { name: 'Storefront', level: 1 }).waitFor();
    const listed = (await api('GET', `/realms/${realm.id}/applications`)).body as { items: { id: string; kind: string; redirect_uris: string[]; has_secret: boolean }[] };
    assert.equal(listed.items.length, 1);
    const app = listed.items[0];
    assert.equal(app.kind, 'web');
    assert.deepEqual(app.redirect_uris, ['https://store.example.com/callback']);
    assert.equal(app.has_secret, true);
    // Never again: the page holds no secret.
    assert.equal(await page.getByText(secret).count(), 0);
    await accessibleInBothThemes(page, 'console-application');

    // Rotate with a grace period of 60 s: a new secret, shown once; the old one works until then.
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the client secret?' });
    await rotate.getByLabel('Grace period (seconds)').fill('60');
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByRole('dialog', { name: 'Copy the client secret now' }).getByLabel('Client secret').inputValue();
    assert.notEqual(rotated, secret);
    assert.match(rotated, /^[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    const afterRotation = (await api('GET', `/realms/${realm.id}/applications/${app.id}`)).body as { previous_secret_expires_at: string | null };
    assert.ok(afterRotation.previous_secret_expires_at);
    // The page shows the application as the rotation left it, without a reload.
    await page.getByText(/The previous secret still works until/).waitFor();

    // Edit the redirect URIs: change the first, add a second, add a post-logout URI.
    await page.getByLabel('Redirect URIs, entry 1').fill('https://store.example.com/cb');
    await page.getByLabel('New entry for Redirect URIs').fill('http://localhost:3000/cb');
    await page.getByRole('button', { name: 'Add to Redirect URIs' }).click();
    await page.getByLabel('New entry for Post-logout redirect URIs').fill('https://store.example.com/');
    await page.getByRole('button', { name: 'Add to Post-logout redirect URIs' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Application saved.').waitFor();
    let saved = (await api('GET', `/realms/${realm.id}/applications/${app.id}`)).body as { redirect_uris: string[]; post_logout_redirect_uris: string[]; enabled: boolean };
    assert.deepEqual(saved.redirect_uris, ['https://store.example.com/cb', 'http://localhost:3000/cb']);
    assert.deepEqual(saved.post_logout_redirect_uris, ['https://store.example.com/']);

    // A refused URI shows the API's complaint next to the list.
    await page.getByLabel('New entry for Redirect URIs').fill('http://store.example.com/insecure');
    await page.getByRole('button', { name: 'Add to Redirect URIs' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').getByText('application.invalid_redirect_uris').waitFor();
    // Only the refused entry is marked, and the complaint is next to the list.
    assert.equal(await page.locator('input[aria-invalid="true"]').count(), 1);
    assert.equal(await page.getByLabel('Redirect URIs, entry 3').getAttribute('aria-invalid'), 'true');
    await accessibleInBothThemes(page, 'console-application-invalid');
    await page.getByRole('button', { name: 'Remove http://store.example.com/insecure' }).click();

    // Disable (asked first), Undo from the toast.
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable Storefront?' }).getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
    assert.equal(((await api('GET', `/realms/${realm.id}/applications/${app.id}`)).body as { enabled: boolean }).enabled, false);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();
    saved = (await api('GET', `/realms/${realm.id}/applications/${app.id}`)).body as typeof saved;
    assert.equal(saved.enabled, true);

    // Delete with the name typed.
    await page.getByRole('button', { name: 'Delete application' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Storefront?' });
    await confirm.getByLabel('Type Storefront to confirm.').fill('Storefront');
    await confirm.getByRole('button', { name: 'Delete application' }).click();
    await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
    assert.equal((await api('GET', `/realms/${realm.id}/applications/${app.id}`)).status, 404);

    // The console's own application: a change is asked about first, and nothing is sent on Cancel.
    await page.goto(`${fixture.server.baseUrl}/console/realms/admin/applications/keyrealm-console`);
    await page.getByText('This is the console you are using.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Renamed console');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const guard = page.getByRole('dialog', { name: 'Change the console’s own application?' });
    await guard.waitFor();
    await guard.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(((await api('GET', '/realms/admin/applications/keyrealm-console')).body as { name: string }).name, 'Keyrealm console');
    assert.deepEqual(refusals, []);
    await context.close();
  });

});
