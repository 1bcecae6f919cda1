/**
 * A realm-scoped operator in the console: the realm list holds their realms only (the API filters
 * it), they manage those (create a user there), they may not create realms, and another realm's
 * address shows the API's refusal — the interface and the API agree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operator } from '../support/fixtures.ts';
import { consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('a realm-scoped operator in the console', () => {
  const fixture = consolePerSuite();

  it('sees and manages only the realms of the grant', async () => {
    const { realms } = fixture.server.services;
    const alpha = await realms.create({ name: 'Alpha Shop', slug: 'alpha-shop' }, operator);
    const beta = await realms.create({ name: 'Beta Shop', slug: 'beta-shop' }, operator);
    await fixture.addOperator('alpha-admin@example.com', [{ permission: 'admin_realm', realms: [alpha.id] }]);

    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, { email: 'alpha-admin@example.com', password: OPERATOR_PASSWORD });
    await page.getByRole('link', { name: 'Alpha Shop' }).waitFor();
    await page.getByText('All 1 shown').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Beta Shop' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Create realm' }).count(), 0);

    await page.getByRole('link', { name: 'Alpha Shop' }).click();
    await page.getByRole('navigation', { name: 'Sections of Alpha Shop' }).getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Create user' }).waitFor();

    await page.goto(`${fixture.server.baseUrl}/console/realms/${beta.id}`);
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Your operator permissions do not allow this\.[\s\S]*auth\.forbidden/);
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
