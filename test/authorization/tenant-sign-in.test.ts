import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD, tenantAdmin } from './tenant-fixtures.ts';
import { activeTotp, PASSWORD as MFA_PASSWORD, signedInUser, totpNow } from '../mfa/mfa-fixtures.ts';
import { noOrigin } from '../../src/events/event-log.ts';
import { operator } from '../support/fixtures.ts';

/**
 * Signing in to a tenant: the login body's `tenant`, switching at refresh, what tokens and validate
 * carry, and a membership ended (or a tenant switched off or deleted) reaching refresh and validate.
 */
for (const dialect of dialects) {
  describe(`tenant sign-in on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let t: ReturnType<typeof tenantAdmin>;
    let realm: { id: string; slug: string };
    let acme: { id: string; slug: string };
    let globex: { id: string; slug: string };
    let user: { id: string };

    const login = (body: Record<string, unknown>) => send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: 'ann@example.com', password: PASSWORD, ...body });
    const refresh = (refreshToken: string, tenant?: string) => send(server, 'POST', `/realms/${realm.slug}/auth/refresh`, { refresh_token: refreshToken, ...(tenant ? { tenant } : {}) });
    const validate = (token: string) => send(server, 'GET', `/realms/${realm.slug}/auth/validate`, undefined, bearer(token));

    before(async () => {
      t = tenantAdmin(server);
      realm = await t.realm('Sign-in tenants', { tokens: { claims: ['tenants', 'memberships'] } });
      await t.roles(realm.slug, ['admin', 'viewer']);
      acme = await t.tenant(realm.slug, 'acme');
      globex = await t.tenant(realm.slug, 'globex');
      await t.tenant(realm.slug, 'initech');
      user = await t.user(realm.slug, 'ann@example.com');
      await t.join(realm.slug, 'acme', user.id, ['admin']);
      await t.join(realm.slug, 'globex', user.id, ['viewer']);
    });

    it('signs in to the tenant asked for, by slug or id; tokens and validate carry it', async () => {
      for (const ref of ['acme', acme.id]) {
        const response = await login({ tenant: ref });
        assert.equal(response.statusCode, 200, response.body);
        const claims = decodeJwt(response.json().access_token);
        assert.equal(claims.tenant, acme.id);
        assert.deepEqual(claims.tenant_roles, ['admin']);
        const validated = await validate(response.json().access_token);
        assert.equal(validated.statusCode, 200, validated.body);
        assert.deepEqual(validated.json().tenant, { id: acme.id, slug: 'acme', roles: ['admin'] });
      }
      const events = (await server.services.events.list(server.database.db, realm.id, { type: 'user.login.succeeded' }, { limit: 1 })).items;
      assert.equal(events[0].details.tenant_id, acme.id);
    });

    it('without a tenant, a member of several signs in to none', async () => {
      const response = await login({});
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(decodeJwt(response.json().access_token).tenant, undefined);
      assert.equal((await validate(response.json().access_token)).json().tenant, null);
    });

    it('refuses a tenant the user is not a member of exactly like one that does not exist', async () => {
      const other = await t.realm('Other realm of tenants');
      const theirs = await t.tenant(other.slug, 'theirs');
      const answers: { error: { code: string } }[] = [];
      for (const ref of ['initech', 'no-such-tenant', theirs.id, 'tnt_doesnotexist']) {
        const response = await login({ tenant: ref });
        assert.equal(response.statusCode, 403, `${ref} → ${response.body}`);
        answers.push(response.json());
      }
      assert.ok(answers.every((answer) => JSON.stringify(answer) === JSON.stringify(answers[0])), 'one answer for all');
      assert.equal(answers[0].error.code, 'auth.tenant_not_allowed');
      for (const bad of ['', 'has space', 'x'.repeat(101), 7]) {
        assert.equal((await login({ tenant: bad })).statusCode, 400, String(bad));
      }
    });

    it('switches tenant at refresh; the session remembers it; a non-member tenant is refused', async () => {
      const signedIn = (await login({ tenant: 'acme' })).json();
      const switched = await refresh(signedIn.refresh_token, 'globex');
      assert.equal(switched.statusCode, 200, switched.body);
      assert.equal(decodeJwt(switched.json().access_token).tenant, globex.id);
      assert.deepEqual((await validate(switched.json().access_token)).json().tenant, { id: globex.id, slug: 'globex', roles: ['viewer'] });
      // The next refresh without a tenant stays in the session's tenant.
      const stayed = await refresh(switched.json().refresh_token);
      assert.equal(decodeJwt(stayed.json().access_token).tenant, globex.id);
      const refused = await refresh(stayed.json().refresh_token, 'initech');
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(errorCode(refused), 'auth.tenant_not_allowed');
      // The refused refresh used nothing up: the same token still works.
      assert.equal((await refresh(stayed.json().refresh_token)).statusCode, 200);
      const types = (await server.services.events.list(server.database.db, realm.id, { type: 'session.tenant_switched' }, { limit: 5 })).items;
      assert.equal(types[0].details.to, globex.id);
    });

    it('without the tenant claim, a token issued before a switch does not follow its session into the new tenant', async () => {
      const quiet = await t.realm('Tenants left out of tokens');
      await t.tenant(quiet.slug, 'north');
      const south = await t.tenant(quiet.slug, 'south');
      const bob = await t.user(quiet.slug, 'bob@example.com');
      await t.join(quiet.slug, 'north', bob.id);
      await t.join(quiet.slug, 'south', bob.id);
      const check = (token: string) => send(server, 'GET', `/realms/${quiet.slug}/auth/validate`, undefined, bearer(token));
      const signedIn = (await send(server, 'POST', `/realms/${quiet.slug}/auth/login`, { identifier: 'bob@example.com', password: PASSWORD, tenant: 'north' })).json();
      assert.equal(decodeJwt(signedIn.access_token).tenant, undefined, 'the realm leaves the claim out');
      assert.equal((await check(signedIn.access_token)).json().tenant.slug, 'north');

      server.clock.advance(2_000);
      const switched = await send(server, 'POST', `/realms/${quiet.slug}/auth/refresh`, { refresh_token: signedIn.refresh_token, tenant: 'south' });
      assert.equal(switched.statusCode, 200, switched.body);
      assert.deepEqual((await check(switched.json().access_token)).json().tenant, { id: south.id, slug: 'south', roles: [] });
      const old = await check(signedIn.access_token);
      assert.equal(old.statusCode, 401, 'issued in north: it must not answer for south');
      assert.equal(errorCode(old), 'auth.tenant_access_ended');
    });

    it('a removed member loses the tenant at validate at once (cached or not) and at the next refresh', async () => {
      const member = await t.user(realm.slug, 'removed@example.com');
      await t.join(realm.slug, 'acme', member.id);
      const signedIn = (await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: 'removed@example.com', password: PASSWORD, tenant: 'acme' })).json();
      // Validate twice: the second answer comes from the per-process cache.
      assert.equal((await validate(signedIn.access_token)).statusCode, 200);
      assert.equal((await validate(signedIn.access_token)).statusCode, 200);
      await t.leave(realm.slug, 'acme', member.id);
      const validated = await validate(signedIn.access_token);
      assert.equal(validated.statusCode, 401, validated.body);
      assert.equal(errorCode(validated), 'auth.tenant_access_ended');
      const refreshed = await refresh(signedIn.refresh_token);
      assert.equal(refreshed.statusCode, 401, refreshed.body);
      assert.equal(errorCode(refreshed), 'auth.tenant_access_ended');
    });

    it('a tenant switched off or deleted stops its tokens at validate and refresh', async () => {
      const temp = await t.tenant(realm.slug, 'temp');
      await t.join(realm.slug, 'temp', user.id);
      const first = (await login({ tenant: 'temp' })).json();
      assert.equal((await validate(first.access_token)).statusCode, 200);
      await t.admin('PATCH', `/admin/v1/realms/${realm.slug}/tenants/temp`, { active: false });
      assert.equal(errorCode(await validate(first.access_token)), 'auth.tenant_access_ended');
      assert.equal(errorCode(await refresh(first.refresh_token)), 'auth.tenant_access_ended');
      // Inactive: cannot be signed in to either.
      assert.equal((await login({ tenant: 'temp' })).statusCode, 403);
      await t.admin('PATCH', `/admin/v1/realms/${realm.slug}/tenants/temp`, { active: true });
      const second = (await login({ tenant: temp.id })).json();
      assert.equal((await validate(second.access_token)).statusCode, 200);
      assert.equal((await t.admin('DELETE', `/admin/v1/realms/${realm.slug}/tenants/temp`)).statusCode, 204);
      assert.equal(errorCode(await validate(second.access_token)), 'auth.tenant_access_ended');
      // The session can move on to a tenant the user still belongs to.
      const moved = await refresh(second.refresh_token, 'acme');
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(decodeJwt(moved.json().access_token).tenant, acme.id);
    });

    it('a login that needs a second factor keeps its tenant until the factor completes it', async () => {
      const mfaRealm = await server.services.realms.create({ name: 'Tenant MFA', slug: 'tenant-mfa', tokens: { claims: ['tenants'] } } as never, operator);
      const holder = await signedInUser(server, mfaRealm);
      const factor = await activeTotp(server, holder);
      const team = await server.services.tenants.create(mfaRealm, { slug: 'team', name: 'Team' }, operator, noOrigin);
      await server.services.tenants.create(mfaRealm, { slug: 'closed', name: 'Closed' }, operator, noOrigin);
      await server.services.tenants.addMember(mfaRealm, 'team', holder.id, [], operator, noOrigin);
      const start = (tenant: string) => send(server, 'POST', `/realms/tenant-mfa/auth/login`, { identifier: holder.email, password: MFA_PASSWORD, tenant });
      const verify = (flowId: string) => send(server, 'POST', `/realms/tenant-mfa/auth/flows/${flowId}/verify`, { method: 'totp', code: totpNow(server, factor) });

      const first = await start('team');
      assert.equal(first.json().mfa_required, true, first.body);
      const done = await verify(first.json().flow_id);
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(decodeJwt(done.json().access_token).tenant, team.id);

      server.clock.advance(30_000);
      const refused = await start('closed');
      const answer = await verify(refused.json().flow_id);
      assert.equal(answer.statusCode, 403, answer.body);
      assert.equal(errorCode(answer), 'auth.tenant_not_allowed');
    });

    it('leaves the claims out of the token unless the realm asks for them, while validate still answers', async () => {
      assert.equal(decodeJwt((await login({ tenant: 'acme' })).json().access_token).access !== undefined, true, 'access is in tokens by default');
      const patched = await t.admin('PATCH', `/admin/v1/realms/${realm.slug}`, { tokens: { claims: [], access_claim: false } });
      assert.equal(patched.json().tokens.access_claim, false);
      try {
        const response = (await login({ tenant: 'acme' })).json();
        const claims = decodeJwt(response.access_token);
        assert.equal(claims.tenant, undefined);
        assert.equal(claims.tenant_roles, undefined);
        assert.equal(claims.access, undefined);
        const answer = await validate(response.access_token);
        assert.equal(answer.statusCode, 200, answer.body);
        const validated = answer.json();
        assert.deepEqual(validated.tenant, { id: acme.id, slug: 'acme', roles: ['admin'] });
        assert.deepEqual(validated.access, { type: 'standard' });
      } finally {
        await t.admin('PATCH', `/admin/v1/realms/${realm.slug}`, { tokens: { claims: ['tenants', 'memberships'], access_claim: true } });
      }
    });
  });
}
