import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, signInThrough, startHarness, type Harness } from './idp-harness.ts';

/**
 * A verified mobile counts as another way to sign in (a realm signing in by SMS code) only within
 * KEYREALM_SMS_COUNTRIES: a code to any other number never arrives, so unlinking the last identity
 * would lock the user out (found by review).
 */
for (const dialect of dialects) {
  describe(`unlinking an identity with a mobile outside KEYREALM_SMS_COUNTRIES on ${dialect}`, () => {
    const h = perSuite<Harness>(() => startHarness(dialect, 'sms', { smsCountries: ['+1'] }));

    it('keeps the last identity of a user whose only other way is a number SMS never goes to', async () => {
      await h.server.services.realms.update(h.realm.id, { sign_in: { first_factors: ['password', 'sms_otp'] } }, operator);
      await addProvider(h, 'up');
      const signInWithMobile = async (account: string, mobile: string) => {
        h.upstream.accounts.set(account, { email: `${account}@example.com`, email_verified: true });
        const signedIn = (await signInThrough(h, 'up', account)).json();
        await h.server.services.users.update(h.realm, signedIn.user.id, { mobile, mobile_verified: true }, operator);
        const [identity] = (await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(signedIn.access_token))).json().items;
        return send(h.server, 'DELETE', `/realms/${h.realm.slug}/account/identities/${identity.id}`, undefined, bearer(signedIn.access_token));
      };
      assert.equal(errorCode(await signInWithMobile('gale-up', '+447700900123')), 'idp.last_sign_in_method');
      assert.equal((await signInWithMobile('hal-up', '+15555550123')).statusCode, 204);
    });
  });
}
