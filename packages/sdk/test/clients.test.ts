/**
 * The SDK against a real Keyrealm on a port (each database in turn): the admin client signs an
 * operator in and works through realms and users (lists as iterators across pages, refusals as
 * KeyrealmError); the realm client signs a user in, renews once for many callers, signs out; the
 * transport retries what the server says to retry, and only that.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../../../test/support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../../test/support/server.ts';
import { oidcServerPerSuite } from '../../../test/oidc/oidc-fixtures.ts';
import { KeyrealmAdmin, KeyrealmError, KeyrealmRealm, createApi, data } from '../src/index.ts';

const PASSWORD = 'correct horse battery staple 9';

/** The KeyrealmError a call is refused with. */
async function refusal(call: Promise<unknown>): Promise<KeyrealmError> {
  const caught = await call.then(
    () => assert.fail('expected a refusal'),
    (error: unknown) => error,
  );
  assert.ok(caught instanceof KeyrealmError, String(caught));
  return caught;
}

for (const dialect of dialects) {
  describe(`the SDK's clients against a server on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let admin: KeyrealmAdmin;
    let realmId = '';

    before(async () => {
      admin = await KeyrealmAdmin.signIn({ baseUrl: server.baseUrl, identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      const realm = await data(admin.api.POST('/admin/v1/realms', { body: { name: 'SDK realm', slug: 'sdk-realm' } }));
      realmId = realm.id;
    });

    it('works through realms and users with typed calls, lists as iterators across pages', async () => {
      for (const name of ['ann', 'bob', 'cy', 'dee', 'eve']) {
        await data(admin.api.POST('/admin/v1/realms/{realm}/users', { params: { path: { realm: realmId } }, body: { username: name, email: `${name}@example.com`, password: PASSWORD } }));
      }
      const seen: string[] = [];
      for await (const user of admin.users(realmId, { limit: 2 })) seen.push(String(user.username));
      assert.deepEqual(seen.sort(), ['ann', 'bob', 'cy', 'dee', 'eve'], 'three pages of two');
      const slugs: string[] = [];
      for await (const realm of admin.realms({ limit: 1 })) slugs.push(realm.slug);
      assert.ok(slugs.includes('sdk-realm') && slugs.includes('admin'));
      const events: string[] = [];
      for await (const event of admin.events(realmId, { type: 'user.created', limit: 2 })) events.push(event.type);
      assert.equal(events.length, 5);
    });

    it('follows a realm\'s events live, in order, until told to stop', async () => {
      const stop = new AbortController();
      const created: string[] = [];
      const seen: string[] = [];
      const following = (async () => {
        for await (const event of admin.followEvents(realmId, { type: 'user.created' }, { signal: stop.signal })) {
          if (event.user_id && created.includes(event.user_id)) seen.push(event.user_id);
          if (seen.length === 3) stop.abort();
        }
      })();
      for (const name of ['fay', 'gil', 'hal']) {
        created.push((await data(admin.api.POST('/admin/v1/realms/{realm}/users', { params: { path: { realm: realmId } }, body: { username: name, password: PASSWORD } }))).id);
      }
      // The stream holds each event back a moment (the server's settle window, on its clock).
      server.clock.advance(5_000);
      await following;
      assert.deepEqual([...seen].sort(), [...created].sort(), 'each once (in the server\'s order: one fake millisecond here, so by id)');
    });

    it('refuses a path parameter of . or .. (or anything but a string or number), which would make the URL another operation, and sends nothing', async () => {
      const role = await data(admin.api.POST('/admin/v1/realms/{realm}/roles', { params: { path: { realm: realmId } }, body: { slug: 'kept' } }));
      // An array is joined into `..` (found by review: ['..'] deleted the role), an object into its entries.
      for (const user of ['..', '.', '', ['..'], ['.', '.'], { '..': '' }, null, Number.NaN] as unknown as string[]) {
        await assert.rejects(admin.request('DELETE', '/admin/v1/realms/{realm}/users/{user}/roles/{role}', { path: { realm: realmId, user, role: role.id } }), TypeError, JSON.stringify(user));
        await assert.rejects(data(admin.api.DELETE('/admin/v1/realms/{realm}/users/{user}/roles/{role}', { params: { path: { realm: realmId, user, role: role.id } } })), TypeError, JSON.stringify(user));
      }
      await assert.rejects(data(admin.api.DELETE('/admin/v1/realms/{realm}', { params: { path: { realm: '..' } } })), TypeError);
      assert.equal((await data(admin.api.GET('/admin/v1/realms/{realm}/roles/{role}', { params: { path: { realm: realmId, role: role.id } } }))).slug, 'kept');
    });

    it('answers refusals as KeyrealmError with code, status, details and request id', async () => {
      const error = await refusal(admin.api.POST('/admin/v1/realms', { body: { name: 'Again', slug: 'sdk-realm' } }));
      assert.equal(error.status, 409);
      assert.equal(error.code, 'realm.slug_taken');
      assert.match(String(error.requestId), /.+/);
      const invalid = await refusal(admin.api.POST('/admin/v1/realms', { body: { name: 5 } as never }));
      assert.equal(invalid.code, 'request.validation_failed');
      assert.ok(invalid.details.length > 0);
      const nobody = new KeyrealmAdmin({ baseUrl: server.baseUrl, token: 'not-a-token' });
      assert.equal((await refusal(nobody.api.GET('/admin/v1/realms', {}))).status, 401);
    });

    it('signs a user in, renews once for many callers, and signs out', async () => {
      let refreshes = 0;
      const counting: typeof fetch = (input, init) => {
        if ((input instanceof Request ? input.url : String(input)).endsWith('/auth/refresh')) refreshes++;
        return fetch(input, init);
      };
      const user = new KeyrealmRealm({ baseUrl: server.baseUrl, realm: 'sdk-realm', fetch: counting });
      const signedIn = await user.signIn('ann', PASSWORD);
      assert.equal(signedIn.signedIn, true);
      assert.equal((await user.account()).username, 'ann');
      const before = user.tokens!.refresh_token;
      const renewed = await Promise.all(Array.from({ length: 5 }, () => user.refresh()));
      assert.deepEqual(renewed, [true, true, true, true, true]);
      assert.equal(refreshes, 1, 'one refresh for five callers: a second use of a refresh token would end the session');
      assert.notEqual(user.tokens!.refresh_token, before);
      assert.equal((await user.account()).username, 'ann', 'the renewed token works');
      await user.signOut();
      assert.equal(user.tokens, undefined);
      assert.equal((await refusal(user.signIn('ann', 'wrong password'))).code, 'auth.invalid_credentials');
    });

    it('sends a wrong password once on a signed-in client: only a refused access token is renewed and tried again', async () => {
      const logins: string[] = [];
      const counting: typeof fetch = (input, init) => {
        if ((input instanceof Request ? input.url : String(input)).endsWith('/auth/login')) logins.push('login');
        return fetch(input, init);
      };
      const user = new KeyrealmRealm({ baseUrl: server.baseUrl, realm: 'sdk-realm', fetch: counting });
      await user.signIn('bob', PASSWORD);
      const bob = (await user.account()).id;
      assert.equal((await refusal(user.signIn('bob', 'wrong password'))).code, 'auth.invalid_credentials');
      assert.equal(logins.length, 2, 'one failed attempt counted, not two (found by review)');
      assert.notEqual(user.tokens, undefined, 'and the session it had is kept');
      const failures: unknown[] = [];
      for await (const event of admin.events(realmId, { type: 'user.login.failed', user: bob })) failures.push(event);
      assert.equal(failures.length, 1);
    });

    it('signs an operator in again when the session can no longer be renewed, with signInAgain', async () => {
      const email = 'renewing-operator@example.com';
      await admin.request('POST', '/admin/v1/operators', { body: { email, password: PASSWORD, grants: [{ permission: 'read' }] } });
      const logins: string[] = [];
      const counting: typeof fetch = (input, init) => {
        if ((input instanceof Request ? input.url : String(input)).endsWith('/auth/login')) logins.push('login');
        return fetch(input, init);
      };
      const operatorId = async () => ((await admin.request('GET', '/admin/v1/realms/{realm}/users', { path: { realm: 'admin' }, query: { email } })) as { items: { id: string }[] }).items[0].id;
      const endSessions = async () => admin.request('POST', '/admin/v1/realms/{realm}/users/{user}/logout', { path: { realm: 'admin', user: await operatorId() } });
      const keeping = await KeyrealmAdmin.signIn({ baseUrl: server.baseUrl, identifier: email, password: PASSWORD, signInAgain: true, fetch: counting });
      const plain = await KeyrealmAdmin.signIn({ baseUrl: server.baseUrl, identifier: email, password: PASSWORD });
      await endSessions();
      assert.equal(((await keeping.request('GET', '/admin/v1/realms/{realm}', { path: { realm: realmId } })) as { id: string }).id, realmId, 'signed in again');
      assert.equal(logins.length, 2);
      assert.equal((await refusal(plain.request('GET', '/admin/v1/realms/{realm}', { path: { realm: realmId } }))).status, 401, 'without signInAgain, the ended session stays ended');

      // The password changed (which ends the sessions): one sign-in again is refused, and that refusal
      // answers every later call without another try that would count towards a lockout (found by review).
      await admin.request('PUT', '/admin/v1/realms/{realm}/users/{user}/password', { path: { realm: 'admin', user: await operatorId() }, body: { password: `${PASSWORD} changed` } });
      for (let i = 0; i < 5; i++) {
        assert.equal((await refusal(keeping.request('GET', '/admin/v1/realms/{realm}', { path: { realm: realmId } }))).code, 'auth.invalid_credentials');
      }
      assert.equal(logins.length, 3, 'one sign-in again with the old password, not one per call');
    });

    it('starts a magic-link sign-in and waits for its approval until told to stop', async () => {
      await data(admin.api.PATCH('/admin/v1/realms/{realm}', { params: { path: { realm: realmId } }, body: { sign_in: { first_factors: ['password', 'magic_link'] } } as never }));
      const user = new KeyrealmRealm({ baseUrl: server.baseUrl, realm: 'sdk-realm' });
      const flowId = await user.startMagicLink('bob@example.com');
      assert.match(flowId, /.+/);
      const stop = new AbortController();
      const waiting = user.waitForMagicLink(flowId, { intervalMs: 20, signal: stop.signal });
      setTimeout(() => stop.abort(), 150);
      await assert.rejects(waiting, { name: 'AbortError' });
      assert.equal(user.tokens, undefined, 'not signed in while the link waits');
    });

    it('acts as an operator application with client credentials: one token request for many calls, another after a 401', async () => {
      const made = (await admin.request('POST', '/admin/v1/realms/{realm}/applications', { path: { realm: 'admin' }, body: { kind: 'machine', name: 'Provisioning job' } })) as { client_id: string; client_secret: string };
      await admin.request('PUT', '/admin/v1/operator-applications/{application}', { path: { application: made.client_id }, body: { grants: [{ permission: 'admin_realm', realms: [realmId] }] } });
      const tokenRequests: string[] = [];
      const counting: typeof fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith('/oidc/token')) tokenRequests.push(url);
        return fetch(input, init);
      };
      const service = KeyrealmAdmin.withClientCredentials({ baseUrl: server.baseUrl, clientId: made.client_id, clientSecret: made.client_secret, fetch: counting });
      const realms = await Promise.all(Array.from({ length: 5 }, () => service.request('GET', '/admin/v1/realms/{realm}', { path: { realm: realmId } })));
      assert.deepEqual(realms.map((realm) => (realm as { id: string }).id), Array(5).fill(realmId));
      assert.equal(tokenRequests.length, 1, 'one token for five calls at once');
      assert.equal((await refusal(service.request('GET', '/admin/v1/realms/{realm}', { path: { realm: 'admin' } }))).code, 'auth.forbidden', 'outside its grants');
      // Switched off and on again: its token is dead, the 401 fetches a new one, and the call goes through.
      await admin.request('PATCH', '/admin/v1/realms/{realm}/applications/{application}', { path: { realm: 'admin', application: made.client_id }, body: { enabled: false } });
      await admin.request('PATCH', '/admin/v1/realms/{realm}/applications/{application}', { path: { realm: 'admin', application: made.client_id }, body: { enabled: true } });
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
      assert.equal(((await service.request('GET', '/admin/v1/realms/{realm}', { path: { realm: realmId } })) as { id: string }).id, realmId);
      assert.equal(tokenRequests.length, 2);
      const wrong = KeyrealmAdmin.withClientCredentials({ baseUrl: server.baseUrl, clientId: made.client_id, clientSecret: 'not-the-secret' });
      const refused = await refusal(wrong.request('GET', '/admin/v1/realms', {}));
      assert.deepEqual([refused.status, refused.code], [401, 'oauth.invalid_client']);
    });

    it('retries a 503 or 429 the server says to retry after a while, and not beyond the longest wait', async () => {
      const waits: number[] = [];
      let answers = [503, 429];
      const flaky: typeof fetch = async (input, init) => {
        const status = answers.shift();
        if (status) return new Response(JSON.stringify({ error: { code: 'request.rate_limited', message: 'busy' } }), { status, headers: { 'retry-after': '1' } });
        return fetch(input, init);
      };
      const realm = createApi({ baseUrl: server.baseUrl, fetch: flaky, sleep: async (ms) => void waits.push(ms) }, {});
      const keys = await data(realm.GET('/realms/{realm}/.well-known/jwks.json', { params: { path: { realm: realmId } } }));
      assert.ok(keys.keys.length > 0);
      assert.deepEqual(waits, [1000, 1000]);
      answers = [429];
      const patient = createApi({ baseUrl: server.baseUrl, fetch: async () => new Response('{}', { status: 429, headers: { 'retry-after': '3600' } }), sleep: async (ms) => void waits.push(ms) }, {});
      const refused = await refusal(patient.GET('/realms/{realm}/.well-known/jwks.json', { params: { path: { realm: realmId } } }));
      assert.deepEqual([refused.status, refused.retryAfterSeconds], [429, 3600], 'an hour is not waited for');
      // A streamed body goes once, as it is (not a clone that would keep it all), and is not retried.
      const sent: Request[] = [];
      const busy = createApi({ baseUrl: server.baseUrl, fetch: async (input) => (sent.push(input as Request), new Response('{}', { status: 503, headers: { 'retry-after': '1' } })), sleep: async (ms) => void waits.push(ms) }, {});
      const upload = new ReadableStream({ pull: (controller) => (controller.enqueue(new TextEncoder().encode('{"email":"a@example.com"}\n')), controller.close()) });
      const streamed = await refusal(
        busy.POST('/admin/v1/realms/{realm}/users/import/{source}' as never, { params: { path: { realm: realmId, source: 'keyrealm' } }, body: upload, bodySerializer: (body: unknown) => body, duplex: 'half', sendOnce: true } as never),
      );
      assert.deepEqual([streamed.status, sent.length, waits.length], [503, 1, 2]);
      assert.equal(await sent[0].text(), '{"email":"a@example.com"}\n', 'the request itself was sent, its body unread before');
      const down = createApi({ baseUrl: 'http://127.0.0.1:9' }, {});
      assert.equal((await refusal(down.GET('/health', {}))).code, 'sdk.unreachable');
    });
  });
}
