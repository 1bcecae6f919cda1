import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createOperatorAuthenticator } from '../../src/auth/operator-authenticator.ts';
import type { OperatorDirectory, RealmLookup } from '../../src/contracts.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { sessionStore } from '../../src/sessions/session-store.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, origin, PASSWORD } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`validate on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let user: User;
    before(async () => ({ realm, user } = await f.realmWithUser({ username: 'ada' })));

    const login = (target = realm, identifier = 'ada') => f.login(target, { identifier, password: PASSWORD }, origin);

    it('returns the claims, user, live session and current access', async () => {
      const result = await login();
      const validated = await f.auth.validate(realm, result.access_token);
      assert.equal(validated.claims.sub, user.id);
      assert.equal(validated.userId, user.id);
      assert.equal(validated.sessionId, result.session_id);
      assert.deepEqual(validated.access, { type: 'standard' });
    });

    it("shows a changed access override at once, and the realm's default when it is removed", async () => {
      const result = await login();
      const acl = { type: 'acl' as const, acl: [{ uri: 'gw/devices/*', methods: ['GET'] }] };
      await f.users.update(realm, user.id, { access: acl }, operator);
      assert.deepEqual((await f.auth.validate(realm, result.access_token)).access, acl);
      assert.deepEqual((await f.auth.validate(realm, result.access_token)).claims.access, { type: 'standard' }, 'the token keeps what it was issued with');
      await f.users.update(realm, user.id, { access: null }, operator);
      const r2 = await f.realms.update(realm.id, { tokens: { default_access: { type: 'master' } } }, operator);
      assert.deepEqual((await f.auth.validate(r2, result.access_token)).access, { type: 'master' });
      realm = await f.realms.update(realm.id, { tokens: { default_access: { type: 'standard' } } }, operator);
    });

    it("cuts tokens issued before the realm's lifetime was lowered", async () => {
      const result = await login();
      f.clock.advance(6 * 60_000);
      await f.auth.validate(realm, result.access_token);
      const shorter = await f.realms.update(realm.id, { tokens: { access_token_minutes: 5 } }, operator);
      await rejectsWith(f.auth.validate(shorter, result.access_token), 'auth.invalid_token');
      // A new token lives the new lifetime.
      const fresh = await login(shorter);
      assert.equal(fresh.expires_in, 5 * 60);
      await f.auth.validate(shorter, fresh.access_token);
      realm = await f.realms.update(realm.id, { tokens: { access_token_minutes: 15 } }, operator);
    });

    it("cuts tokens when the user's own lifetime is lowered, and honours a longer one", async () => {
      const longer = await f.user(realm, { username: 'long-lived', access_token_minutes: 60 });
      const result = await login(realm, 'long-lived');
      assert.equal(result.expires_in, 60 * 60);
      f.clock.advance(30 * 60_000);
      await f.auth.validate(realm, result.access_token);
      await f.users.update(realm, longer.id, { access_token_minutes: 20 }, operator);
      await rejectsWith(f.auth.validate(realm, result.access_token), 'auth.invalid_token');
    });

    it('refuses tokens of locked, inactive and deleted users', async () => {
      for (const change of ['lock', 'deactivate', 'remove'] as const) {
        const target = await f.user(realm, { username: `target-${change}` });
        const { access_token } = await login(realm, `target-${change}`);
        await f.auth.validate(realm, access_token);
        if (change === 'lock') await f.users.lock(realm, target.id, null, operator);
        if (change === 'deactivate') await f.users.update(realm, target.id, { state: 'inactive' }, operator);
        if (change === 'remove') await f.users.remove(realm, target.id, operator);
        await rejectsWith(f.auth.validate(realm, access_token), 'auth.invalid_token');
      }
    });

    it('refuses tokens whose session was revoked or expired', async () => {
      const revoked = await login();
      await sessionStore.revoke(f.db, realm.id, revoked.session_id ?? '', 'revoked', f.clock.now());
      await rejectsWith(f.auth.validate(realm, revoked.access_token), 'auth.invalid_token');

      const short = await f.realm({ tokens: { refresh_token_days: 1, access_token_minutes: 1440 } });
      await f.user(short, { username: 'ada' });
      const expiring = await login(short);
      assert.equal(expiring.expires_in, 86_400, 'capped by the session');
      f.clock.advance(86_400_000);
      await rejectsWith(f.auth.validate(short, expiring.access_token), 'auth.invalid_token');
    });

    it('refuses every token once its realm is inactive', async () => {
      const closing = await f.realm();
      await f.user(closing, { username: 'ada' });
      const managed = await login(closing);
      const inactive = await f.realms.update(closing.id, { state: 'inactive' }, operator);
      await rejectsWith(f.auth.validate(inactive, managed.access_token), 'auth.invalid_token');
      const unmanagedRealm = await f.realm({ tokens: { session_type: 'unmanaged' } });
      await f.user(unmanagedRealm, { username: 'ada' });
      const unmanaged = await login(unmanagedRealm);
      const closed = await f.realms.update(unmanagedRealm.id, { state: 'inactive' }, operator);
      await rejectsWith(f.auth.validate(closed, unmanaged.access_token), 'auth.invalid_token');
    });

    it("refuses a token of another realm, even for a user of the same name", async () => {
      const other = await f.realm();
      await f.user(other, { username: 'ada' });
      const theirs = await login(other);
      await rejectsWith(f.auth.validate(realm, theirs.access_token), 'auth.invalid_token');
    });

    it('authenticates operators through the admin realm only', async () => {
      const admin = await f.realms.ensureSystemRealm();
      const op = await f.user(admin, { email: 'op@example.com' });
      const plain = await f.user(admin, { email: 'plain@example.com' });
      const lookup: RealmLookup = { resolve: async (ref) => (ref === 'admin' ? f.realms.get(admin.id) : undefined), invalidate: () => {} };
      const operators: OperatorDirectory = {
        principalFor: async (userId, sessionId) => (userId === op.id ? { actor: { type: 'operator' as const, id: userId }, sessionId, grants: [{ permission: 'superadmin' as const }] } : undefined),
      };
      // No operator applications here (test/operators/operator-applications.test.ts has them).
      const authenticate = createOperatorAuthenticator({
        lookup,
        validator: f.auth,
        operators,
        publicUrl: 'http://localhost',
        clientCredentials: async () => undefined,
        operatorApplications: { principalFor: async () => undefined },
      });
      const opLogin = await f.login(admin, { identifier: 'op@example.com', password: PASSWORD }, origin);
      const expiresAt = opLogin.expires_in === null ? null : (Math.floor(f.clock.now() / 1000) + opLogin.expires_in) * 1000;
      assert.deepEqual(await authenticate(opLogin.access_token), { actor: { type: 'operator', id: op.id }, sessionId: opLogin.session_id, grants: [{ permission: 'superadmin' }], tokenExpiresAt: expiresAt });
      const plainLogin = await f.login(admin, { identifier: plain.email ?? '', password: PASSWORD }, origin);
      await rejectsWith(authenticate(plainLogin.access_token), 'auth.forbidden');
      await rejectsWith(authenticate((await login()).access_token), 'auth.invalid_token');
      await rejectsWith(authenticate('garbage'), 'auth.invalid_token');
      await f.auth.logout(admin, { accessToken: opLogin.access_token }, origin);
      await rejectsWith(authenticate(opLogin.access_token), 'auth.invalid_token');
    });
  });
}
