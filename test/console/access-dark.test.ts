/** Every access screen in Chromium in the dark theme, with data in it: axe finds nothing serious. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consolePerSuite } from './console-fixtures.ts';
import { screenshotAll, seedAccess } from './access-seed.ts';

describe('console access screens in Chromium, dark', () => {
  const fixture = consolePerSuite();

  it('shows every access screen in the dark theme', async () => {
    const realm = await seedAccess(fixture);
    assert.deepEqual(await screenshotAll(fixture, realm, 'dark'), []);
  });
});
