import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beforeNextSession } from '../auth/session-race-fixtures.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, signInThrough, startHarness, type Harness } from './idp-harness.ts';

/**
 * A sign-in through an identity provider makes its session only while the account is as it was
 * read (src/auth/sign-in-tokens.ts); when an operator's lock lands in between, the refusal speaks
 * of the account, not of a wrong password the user never typed.
 */
for (const dialect of dialects) {
  describe(`a sign-in through an identity provider and a lock of its user at once on ${dialect}`, () => {
    const h = perSuite<Harness>(() => startHarness(dialect, 'race'));

    it('makes no session and answers idp.refused', async () => {
      await addProvider(h, 'mfa-ok', { trust_email: true, satisfies_mfa: true });
      h.upstream.accounts.set('iris-up', { email: 'iris@example.com', email_verified: true });
      const first = await signInThrough(h, 'mfa-ok', 'iris-up');
      assert.equal(first.statusCode, 200, first.body);
      const userId = first.json().user.id as string;
      const undo = beforeNextSession(h.server, h.realm, () => h.server.services.users.lock(h.realm, userId, 'Investigating', operator));
      try {
        const raced = await signInThrough(h, 'mfa-ok', 'iris-up');
        assert.equal(raced.statusCode, 403, raced.body);
        assert.equal(errorCode(raced), 'idp.refused');
      } finally {
        undo();
      }
      assert.deepEqual((await h.server.services.users.listSessions(h.realm, userId, { limit: 10 })).items, [], 'the lock ended the first session, and no other was made');
    });
  });
}
