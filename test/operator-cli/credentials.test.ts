import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeCredentials } from '../../src/operator-cli/credentials.ts';

/** Found by review: a credentials file that could not be renamed into place left its temporary copy (the tokens) behind. */
describe('the stored sign-in', () => {
  const home = mkdtempSync(join(tmpdir(), 'keyrealm-credentials-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  it('leaves no temporary copy of the tokens when it cannot be put in place', async () => {
    const path = join(home, 'keyrealm', 'credentials.json');
    // A directory where the file goes: the tokens are written, then the rename fails.
    mkdirSync(path, { recursive: true });
    await assert.rejects(writeCredentials({ server: 'https://id.example.com', access_token: 'secret', expires_at: null, session_id: null }, path), { code: 'EISDIR' });
    assert.deepEqual(readdirSync(join(home, 'keyrealm')), ['credentials.json']);
  });
});
