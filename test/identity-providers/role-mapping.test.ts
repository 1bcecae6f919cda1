import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, eventsOf, signInThrough, startHarness, type Harness } from './idp-harness.ts';

/** An identity provider's role rules: roles given on the account's creation, and on every sign-in when the provider syncs. */
for (const dialect of dialects) {
  describe(`roles mapped from an identity provider on ${dialect}`, () => {
    const h: Harness = perSuite(() => startHarness(dialect, `roles ${dialect}`));
    const admin = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => send(h.server, method, `/admin/v1/realms/${h.realm.slug}${path}`, body, h.server.adminHeaders);
    const rolesOf = async (userId: string) => ((await admin('GET', `/users/${userId}/roles`)).json().items as { role: { slug: string } }[]).map((a) => a.role.slug).sort();

    it('refuses rules naming no role of the realm, or a claim without a value', async () => {
      for (const slug of ['staff', 'eng-admin']) assert.equal((await admin('POST', '/roles', { slug })).statusCode, 201);
      const foreign = await send(h.server, 'POST', `/admin/v1/realms/${h.other.slug}/roles`, { slug: 'elsewhere' }, h.server.adminHeaders);
      assert.equal(foreign.statusCode, 201);
      const unknown = await admin('POST', '/identity-providers', { slug: 'up', display_name: 'Up', oidc: { issuer: h.upstream.issuer, client_id: 'x' }, client_secret: 's', mapping: { roles: [{ role: 'staff' }, { role: 'elsewhere' }] } });
      assert.equal(errorCode(unknown), 'identity_provider.invalid');
      assert.deepEqual(unknown.json().error.details, [{ field: 'mapping.roles.1.role', issue: 'is not a role of this realm' }], "another realm's role is no role here");
      const half = await admin('POST', '/identity-providers', { slug: 'up', display_name: 'Up', oidc: { issuer: h.upstream.issuer, client_id: 'x' }, client_secret: 's', mapping: { roles: [{ role: 'staff', claim: 'groups' }] } });
      assert.equal(errorCode(half), 'identity_provider.invalid');
    });

    it('a new account gets every unconditional role and those whose claim matches; a syncing provider adds them at later sign-ins', async () => {
      await addProvider(h, 'up', { trust_email: true, mapping: { roles: [{ role: 'staff' }, { role: 'eng-admin', claim: 'groups', value: 'admins' }] } });
      h.upstream.accounts.set('amy-r', { email: 'amy@example.com', email_verified: true, groups: ['eng', 'admins'] });
      h.upstream.accounts.set('bo-r', { email: 'bo@example.com', email_verified: true, groups: ['eng'] });
      const amy = (await signInThrough(h, 'up', 'amy-r')).json();
      const bo = (await signInThrough(h, 'up', 'bo-r')).json();
      assert.deepEqual(await rolesOf(amy.user.id), ['eng-admin', 'staff']);
      assert.deepEqual(await rolesOf(bo.user.id), ['staff']);
      const given = (await eventsOf(h, 'role.assigned')).filter((event) => event.user_id === amy.user.id);
      assert.equal(given.length, 2);
      assert.ok(given.every((event) => event.details.identity_provider_id !== undefined && event.actor.type === 'system'));

      h.upstream.accounts.set('bo-r', { email: 'bo@example.com', email_verified: true, groups: ['eng', 'admins'] });
      assert.equal((await signInThrough(h, 'up', 'bo-r')).statusCode, 200);
      assert.deepEqual(await rolesOf(bo.user.id), ['staff'], 'a provider that does not sync leaves the account as it is');
      assert.equal((await admin('PATCH', '/identity-providers/up', { sync_on_sign_in: true })).statusCode, 200);
      const again = await signInThrough(h, 'up', 'bo-r');
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(await rolesOf(bo.user.id), ['eng-admin', 'staff']);
    });
  });
}
