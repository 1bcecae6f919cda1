import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, arrive, atUpstream, begin, eventsOf, signInThrough, startHarness, startPath, type Harness } from './idp-harness.ts';

/** A provider switched off or deleted, an inactive realm, another realm's provider, and the realm's MFA policy after an upstream sign-in. */
for (const dialect of dialects) {
  describe(`identity providers switched off, other realms and MFA on ${dialect}`, () => {
    const h: Harness = perSuite(() => startHarness(dialect, `lifecycle ${dialect}`));
    const validate = (token: string) => h.server.app.inject({ method: 'GET', url: `/realms/${h.realm.slug}/auth/validate`, headers: bearer(token) });
    const patch = (idp: string, body: Record<string, unknown>) => send(h.server, 'PATCH', `/admin/v1/realms/${h.realm.slug}/identity-providers/${idp}`, body, h.server.adminHeaders);

    it('switching a provider off ends the sessions it signed in (1313) and refuses its starts and pending callbacks', async () => {
      await addProvider(h, 'up', { trust_email: true });
      h.upstream.accounts.set('ann-up', { email: 'ann@example.com', email_verified: true });
      const signedIn = (await signInThrough(h, 'up', 'ann-up')).json();
      const password = await h.server.login('admin', 'admin@example.com', 'operator-password-1');
      assert.equal((await validate(signedIn.access_token)).statusCode, 200);
      const pending = await begin(h, 'up');
      const callback = await atUpstream(h, pending, 'ann-up');

      assert.equal((await patch('up', { enabled: false })).statusCode, 200);
      assert.equal((await validate(signedIn.access_token)).statusCode, 401, 'its session ended');
      const [ended] = await eventsOf(h, 'user.logged_out.identity_provider_disabled');
      assert.deepEqual([ended?.code, ended?.user_id, ended?.details.session_id], [1313, signedIn.user.id, signedIn.session_id]);
      assert.equal(errorCode(await h.server.app.inject({ method: 'GET', url: startPath(h.realm, 'up') })), 'idp.disabled');
      assert.equal(errorCode(await arrive(h, callback, pending.cookie)), 'idp.disabled');
      const operatorValidate = await h.server.app.inject({ method: 'GET', url: '/realms/admin/auth/validate', headers: bearer(password.access_token) });
      assert.equal(operatorValidate.statusCode, 200, 'sessions of other sign-ins go on');

      assert.equal((await patch('up', { enabled: true })).statusCode, 200);
      assert.equal((await signInThrough(h, 'up', 'ann-up')).statusCode, 200, 'on again: the linked identity signs in');
    });

    it('deleting a provider ends its sessions and its links', async () => {
      const provider = await addProvider(h, 'up2', { trust_email: true });
      h.upstream.accounts.set('ben-up', { email: 'ben@example.com', email_verified: true });
      const signedIn = (await signInThrough(h, 'up2', 'ben-up')).json();
      const removed = await send(h.server, 'DELETE', `/admin/v1/realms/${h.realm.slug}/identity-providers/up2`, undefined, h.server.adminHeaders);
      assert.equal(removed.statusCode, 204);
      assert.equal((await validate(signedIn.access_token)).statusCode, 401);
      const links = await h.server.database.db.selectFrom('user_identities').select('id').where('provider_id', '=', provider.id).execute();
      assert.equal(links.length, 0);
    });

    it("another realm's provider is not found, by id or slug", async () => {
      const foreign = await addProvider(h, 'strict', {}, h.other);
      assert.equal(errorCode(await h.server.app.inject({ method: 'GET', url: startPath(h.realm, foreign.id) })), 'idp.not_found');
      assert.equal(errorCode(await h.server.app.inject({ method: 'GET', url: startPath(h.realm, 'strict') })), 'idp.not_found');
      // A callback sent to this realm for the other realm's pending sign-in finds nothing to use.
      h.upstream.accounts.set('cy-up', { email: 'cy@example.com', email_verified: true });
      const started = await begin(h, 'strict', { realm: h.other });
      const callback = await atUpstream(h, started, 'cy-up');
      const moved = new URL(callback.href.replace(`/realms/${h.other.slug}/`, `/realms/${h.realm.slug}/`).replace('/idp/strict/', '/idp/up/'));
      assert.equal(errorCode(await arrive(h, moved, started.cookie)), 'idp.state_mismatch');
    });

    it("the realm's MFA policy applies after an upstream sign-in, unless the provider satisfies it (amr says so)", async () => {
      await addProvider(h, 'mfa-ok', { trust_email: true, satisfies_mfa: true });
      h.upstream.accounts.set('dee-up', { email: 'dee@example.com', email_verified: true });
      await h.server.services.realms.update(h.realm.id, { sign_in: { mfa: 'required' } } as never, operator);
      try {
        const step = await signInThrough(h, 'up', 'dee-up');
        assert.equal(step.statusCode, 200, step.body);
        assert.deepEqual([step.json().enrolment_required, step.json().access_token], [true, undefined], 'a second factor is enrolled first');
        const satisfied = await signInThrough(h, 'mfa-ok', 'dee-up');
        assert.equal(errorCode(satisfied), 'idp.link_required', "another provider's account: dee proves hers first");
        h.upstream.accounts.set('eve-up', { email: 'eve@example.com', email_verified: true });
        const tokens = (await signInThrough(h, 'mfa-ok', 'eve-up')).json();
        const claims = decodeJwt(tokens.access_token);
        assert.deepEqual([claims.acr, (claims.amr as string[]).includes('mfa')], ['aal2', true]);
      } finally {
        await h.server.services.realms.update(h.realm.id, { sign_in: { mfa: 'optional' } } as never, operator);
      }
    });

    it('an inactive realm signs nobody in through its providers', async () => {
      await h.server.services.realms.update(h.other.id, { state: 'inactive' }, operator);
      assert.equal(errorCode(await h.server.app.inject({ method: 'GET', url: startPath(h.other, 'strict') })), 'realm.not_found');
    });
  });
}
