/**
 * Every access screen in Chromium in the light theme, with data in it (axe finds nothing serious;
 * the screenshots are kept), and a read-only operator seeing the same screens without any control
 * that changes something. The dark theme is access-dark.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';
import { accessScreens, screenshotAll, seedAccess, visit } from './access-seed.ts';

describe('console access screens in Chromium', () => {
  const fixture = consolePerSuite();
  let realm = '';

  it('shows every access screen in the light theme', async () => {
    realm = await seedAccess(fixture);
    assert.deepEqual(await screenshotAll(fixture, realm, 'light'), []);
  });

  it('shows a read-only operator everything and no control that changes anything', async () => {
    await fixture.addOperator('reader@example.com', [{ permission: 'read' }]);
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, { email: 'reader@example.com', password: OPERATOR_PASSWORD }, `/realms/${realm}/roles`);
    const changing = /^(Create|Edit|Delete|Revoke|Remove|Assign|Add|New module|Save|Activate|Deactivate|Show key|Roles$)/;
    for (const screen of accessScreens(realm)) {
      await visit(page, screen.path);
      await screen.ready(page);
      const buttons = await page.locator('main button').allInnerTexts();
      assert.deepEqual(buttons.filter((text) => changing.test(text.trim())), [], `${screen.name}: ${buttons.join(', ')}`);
      assert.equal(await page.locator('main textarea, main input, main select').count(), 0, screen.name);
    }
    // The policy's text is there to read.
    await page.getByText('@id("no-archived")').waitFor();
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
