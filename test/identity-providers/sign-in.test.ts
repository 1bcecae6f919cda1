import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { operator } from '../support/fixtures.ts';
import { idpCookieName } from '../../src/http/idp-cookie.ts';
import { addProvider, APP_REDIRECT, CHALLENGE, VERIFIER, arrive, atUpstream, begin, eventsOf, PUBLIC_URL, signInThrough, startHarness } from './idp-harness.ts';

/** Signing in through another OpenID Connect provider (a second oidc-provider with its own keys and accounts), end to end. */
for (const dialect of dialects) {
  describe(`sign-in through an OpenID Connect provider on ${dialect}`, () => {
    const h = perSuite(() => startHarness(dialect, `sign-in ${dialect}`));

    it('a first sign-in creates the account with mapped attributes (1305); the next one signs in to it (1322); the session remembers the provider', async () => {
      const provider = await addProvider(h, 'up', { trust_email: true, mapping: { fields: {}, custom: { dept: 'department' }, tags: ['from-upstream'] } });
      h.upstream.accounts.set('alice-1', { email: 'alice@example.com', email_verified: true, given_name: 'Alice', family_name: 'Liddell', department: 'Wonder' });
      const first = await signInThrough(h, 'up', 'alice-1');
      assert.equal(first.statusCode, 200, first.body);
      const body = first.json();
      assert.deepEqual([body.user.email, body.user.email_verified, body.user.first_name, body.user.last_name, body.user.custom, body.user.tags], ['alice@example.com', true, 'Alice', 'Liddell', { dept: 'Wonder' }, ['from-upstream']]);
      const claims = decodeJwt(body.access_token);
      assert.deepEqual([claims.amr, claims.acr], [['fed'], 'aal1']);
      const session = await h.server.database.db.selectFrom('sessions').select('identity_provider_id').where('id', '=', body.session_id).executeTakeFirstOrThrow();
      assert.equal(session.identity_provider_id, provider.id);
      const [created] = await eventsOf(h, 'user.signed_up.identity_provider');
      assert.equal(created?.code, 1305);
      const logins = await eventsOf(h, 'user.login.succeeded');
      assert.equal(logins[0]?.code, 1322);

      const again = await signInThrough(h, 'up', 'alice-1');
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().user.id, body.user.id, 'the linked identity signs in to the same account');
      const identities = await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(again.json().access_token));
      assert.equal(identities.statusCode, 200, identities.body);
      assert.deepEqual(identities.json().items.map((i: { subject: string; provider_slug: string }) => [i.subject, i.provider_slug]), [['alice-1', 'up']]);
    });

    it('stores what an upstream sends that no column could hold (NUL, unpaired surrogates) as text both databases keep', async () => {
      // The provider of the first test maps `department` into `custom`.
      h.upstream.accounts.set('odd-1', { email: 'odd@example.com', email_verified: true, given_name: 'Od\ud800d', department: 'Won\u0000der\udfff' });
      const back = await signInThrough(h, 'up', 'odd-1');
      assert.equal(back.statusCode, 200, back.body);
      const { user } = back.json();
      assert.deepEqual([user.first_name, user.custom], ['Od\ufffdd', { dept: 'Wonder\ufffd' }]);
    });

    it('cuts a long upstream name at 200 characters, never inside one (half an emoji is unstorable)', async () => {
      h.upstream.accounts.set('long-name', { email: 'long-name@example.com', email_verified: true, given_name: `${'a'.repeat(199)}\u{1F600}b` });
      const back = await signInThrough(h, 'up', 'long-name');
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().user.first_name, `${'a'.repeat(199)}\u{1F600}`);
    });

    it('refuses an upstream account id or address that cannot be stored as sent, never changing it (found by review)', async () => {
      const cases: [string, Record<string, unknown>, Record<string, string>?][] = [
        ['nul\u0000subject', { email: 'nul-subject@example.com', email_verified: true }],
        ['nul-address', { email: 'mail\u0000box@example.com', email_verified: true }],
        ['lone-address', { email: 'mail\ud800box@example.com', email_verified: true }],
        // A link start keeps the upstream account in the hand-off (jsonb) until the code is exchanged.
        ['lone-link', { email: 'link\udfffbox@example.com', email_verified: true }, { redirect_uri: APP_REDIRECT, intent: 'link' }],
      ];
      for (const [subject, claims, start] of cases) {
        h.upstream.accounts.set(subject, claims);
        const back = await signInThrough(h, 'up', subject, start ? { start } : {});
        assert.deepEqual([back.statusCode, errorCode(back)], [422, 'idp.profile_invalid'], `${JSON.stringify(subject)} ${back.body}`);
      }
    });

    it('keeps an upstream error description cut inside a character storable (event 1225)', async () => {
      const started = await begin(h, 'up');
      const callback = new URL(`${PUBLIC_URL}/realms/${h.realm.slug}/auth/idp/up/callback`);
      const state = new URL(started.upstreamUrl).searchParams.get('state') as string;
      callback.search = new URLSearchParams({ state, iss: h.upstream.issuer, error: 'access_denied', error_description: `${'a'.repeat(199)}\u{1F600}` }).toString();
      const back = await arrive(h, callback, started.cookie);
      assert.deepEqual([back.statusCode, errorCode(back)], [401, 'idp.upstream_error'], back.body);
      const details = (await eventsOf(h, 'identity_provider.sign_in_failed')).flatMap((event) => (event.details as { upstream?: { field: string; issue: string }[] }).upstream ?? []);
      const described = details.find((detail) => detail.field === 'error_description' && detail.issue.startsWith('aaaa'));
      assert.equal(described?.issue, `${'a'.repeat(199)}\u{1F600}`, 'two hundred characters, the last one whole');
    });

    it('two sign-ins started in one browser both come back: each has its own cookie', async () => {
      h.upstream.accounts.set('tab-1', { email: 'tab1@example.com', email_verified: true });
      h.upstream.accounts.set('tab-2', { email: 'tab2@example.com', email_verified: true });
      const first = await begin(h, 'up');
      const second = await begin(h, 'up');
      assert.notEqual(first.cookie.split('=')[0], second.cookie.split('=')[0]);
      // The browser sends every cookie it holds for the path; each callback finds its own.
      const jar = `${first.cookie}; ${second.cookie}`;
      const secondBack = await arrive(h, await atUpstream(h, second, 'tab-2'), jar);
      const firstBack = await arrive(h, await atUpstream(h, first, 'tab-1'), jar);
      assert.deepEqual([firstBack.statusCode, secondBack.statusCode], [200, 200], `${firstBack.body} ${secondBack.body}`);
      assert.deepEqual([firstBack.json().user.email, secondBack.json().user.email], ['tab1@example.com', 'tab2@example.com']);
    });

    it('an API client gets a one-time code at its registered redirect URI and exchanges it once', async () => {
      h.upstream.accounts.set('carol-1', { email: 'carol@example.com', email_verified: true });
      const start = (query: Record<string, string>) => h.server.app.inject({ method: 'GET', url: `/realms/${h.realm.slug}/auth/idp/up/start?${new URLSearchParams(query)}` });
      assert.equal(errorCode(await start({ redirect_uri: 'https://evil.example/cb', code_challenge: CHALLENGE })), 'idp.redirect_uri_not_allowed');
      assert.equal((await start({ redirect_uri: APP_REDIRECT })).statusCode, 400, 'PKCE is required');
      assert.equal((await start({ redirect_uri: APP_REDIRECT, code_challenge: CHALLENGE, code_challenge_method: 'plain' })).statusCode, 400, 'plain is refused');
      const back = await signInThrough(h, 'up', 'carol-1', { start: { redirect_uri: APP_REDIRECT, state: 'client-state' } });
      assert.equal(back.statusCode, 302, back.body);
      const location = new URL(String(back.headers.location));
      assert.equal(`${location.origin}${location.pathname}`, APP_REDIRECT);
      assert.equal(location.searchParams.get('state'), 'client-state');
      const code = location.searchParams.get('code')!;
      const exchange = (redirect_uri: string, code_verifier = VERIFIER) => send(h.server, 'POST', `/realms/${h.realm.slug}/auth/idp/token`, { code, redirect_uri, code_verifier });
      const tokens = await exchange(APP_REDIRECT);
      assert.equal(tokens.statusCode, 200, tokens.body);
      assert.equal(tokens.json().user.email, 'carol@example.com');
      assert.equal(errorCode(await exchange(APP_REDIRECT)), 'idp.replayed', 'single use');

      const other = new URL(String((await signInThrough(h, 'up', 'carol-1', { start: { redirect_uri: APP_REDIRECT } })).headers.location));
      const wrong = await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/idp/token`, { code: other.searchParams.get('code'), redirect_uri: 'https://app.example.com/other', code_verifier: VERIFIER });
      assert.equal(errorCode(wrong), 'idp.replayed', 'only at the redirect URI it was given for');
      const third = new URL(String((await signInThrough(h, 'up', 'carol-1', { start: { redirect_uri: APP_REDIRECT } })).headers.location));
      const intercepted = await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/idp/token`, { code: third.searchParams.get('code'), redirect_uri: APP_REDIRECT, code_verifier: 'an-attacker-verifier-who-intercepted-the-code-0000' });
      assert.equal(errorCode(intercepted), 'idp.replayed', 'an intercepted code without the PKCE verifier is worthless');
    });

    it('a callback this browser did not start is refused and recorded (1225); the real one still works', async () => {
      h.upstream.accounts.set('dave-1', { email: 'dave@example.com', email_verified: true });
      const started = await begin(h, 'up');
      const callback = await atUpstream(h, started, 'dave-1');
      const someoneElse = await begin(h, 'up');
      assert.equal(errorCode(await arrive(h, callback, undefined)), 'idp.state_mismatch', 'no cookie');
      assert.equal(errorCode(await arrive(h, callback, someoneElse.cookie)), 'idp.state_mismatch', "another browser's cookie");
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged-state');
      assert.equal(errorCode(await arrive(h, forged, started.cookie)), 'idp.state_mismatch', 'a state never sent');
      const stripped = new URL(callback);
      stripped.searchParams.delete('state');
      assert.equal(errorCode(await arrive(h, stripped, started.cookie)), 'idp.state_mismatch', 'no state');
      const failures = await eventsOf(h, 'identity_provider.sign_in_failed');
      assert.ok(failures.length >= 4 && failures.every((event) => event.code === 1225));
      assert.ok(failures.some((event) => event.details.code === 'idp.state_mismatch'));
      const asBrowser = await h.server.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { accept: 'text/html,application/xhtml+xml' } });
      assert.deepEqual([asBrowser.statusCode, String(asBrowser.headers['content-type']).split(';')[0]], [400, 'text/html'], 'a person reads what went wrong on a page');
      assert.equal((await arrive(h, callback, started.cookie)).statusCode, 200);
    });

    it('a callback comes back once: a replay is refused, and of two at once exactly one signs in', async () => {
      h.upstream.accounts.set('erin-1', { email: 'erin@example.com', email_verified: true });
      const started = await begin(h, 'up');
      const callback = await atUpstream(h, started, 'erin-1');
      const both = await Promise.all([arrive(h, callback, started.cookie), arrive(h, callback, started.cookie)]);
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 400]);
      assert.equal(errorCode(both.find((r) => r.statusCode === 400)!), 'idp.replayed');
      assert.equal(errorCode(await arrive(h, callback, started.cookie)), 'idp.replayed');
    });

    it('a callback naming another issuer (RFC 9207 mix-up) is refused', async () => {
      h.upstream.accounts.set('fay-1', { email: 'fay@example.com', email_verified: true });
      const started = await begin(h, 'up');
      const callback = await atUpstream(h, started, 'fay-1');
      assert.equal(callback.searchParams.get('iss'), h.upstream.issuer, 'the upstream sends iss');
      callback.searchParams.set('iss', 'http://127.0.0.1:9/evil');
      assert.equal(errorCode(await arrive(h, callback, started.cookie)), 'idp.issuer_mismatch');
      assert.equal(errorCode(await arrive(h, callback, started.cookie)), 'idp.replayed', 'a refused callback used its sign-in up');
      const again = await begin(h, 'up');
      const withoutIss = await atUpstream(h, again, 'fay-1');
      withoutIss.searchParams.delete('iss');
      assert.equal(errorCode(await arrive(h, withoutIss, again.cookie)), 'idp.issuer_mismatch', 'the provider declares iss: none is refused too');
    });

    it('ID tokens failing a check are refused: wrong or missing nonce, another audience, another issuer, expired, not signed by the provider', async () => {
      h.upstream.accounts.set('gus-1', { email: 'gus@example.com', email_verified: true });
      const now = Math.floor(Date.now() / 1000);
      const attacks: [string, (c: Record<string, unknown>) => Record<string, unknown>, boolean][] = [
        ['wrong nonce', (c) => ({ ...c, nonce: 'not-the-nonce' }), false],
        ['missing nonce', ({ nonce: _nonce, ...c }) => c, false],
        ['another audience', (c) => ({ ...c, aud: 'someone-else' }), false],
        ['another issuer', (c) => ({ ...c, iss: 'http://127.0.0.1:9/evil' }), false],
        ['expired', (c) => ({ ...c, iat: now - 7200, exp: now - 3600 }), false],
        ['signed by another key', (c) => c, true],
      ];
      try {
        for (const [name, tamper, otherKey] of attacks) {
          h.upstream.tamper = tamper;
          h.upstream.otherKey = otherKey;
          const response = await signInThrough(h, 'up', 'gus-1');
          assert.equal(errorCode(response), 'idp.token_invalid', `${name}: ${response.body}`);
        }
      } finally {
        h.upstream.tamper = undefined;
        h.upstream.otherKey = false;
      }
      const failures = await eventsOf(h, 'identity_provider.sign_in_failed');
      // A JWT's shape (a JSON header, a dot, a payload, a dot): a bare "eyJ" also turns up by chance in
      // the events' random base62 ids (about 0.2 % of runs: a full suite run hit one).
      assert.doesNotMatch(JSON.stringify(failures), /eyJ[\w-]+\.[\w-]+\./, 'no token in any event');
      assert.equal((await signInThrough(h, 'up', 'gus-1')).statusCode, 200, 'an untampered token still signs in');
    });

    it("the provider's error is refused with its code and text in event 1225", async () => {
      const started = await begin(h, 'up');
      const state = new URL(started.upstreamUrl).searchParams.get('state')!;
      const callback = new URL(`http://keyrealm.test/realms/${h.realm.slug}/auth/idp/up/callback`);
      for (const [name, value] of Object.entries({ error: 'access_denied', error_description: 'The user said no', state, iss: h.upstream.issuer })) callback.searchParams.set(name, value);
      const response = await arrive(h, callback, started.cookie);
      assert.equal(errorCode(response), 'idp.upstream_error');
      const event = (await eventsOf(h, 'identity_provider.sign_in_failed')).find((e) => e.details.code === 'idp.upstream_error' && JSON.stringify(e.details.upstream).includes('said no'));
      assert.deepEqual(event?.details.upstream, [{ field: 'error', issue: 'access_denied' }, { field: 'error_description', issue: 'The user said no' }]);
    });

    it("a hosted page's sign-in comes back to its interaction with a code that works there only, once; an address to prove comes back as a link code, used only by the matched account", async () => {
      h.upstream.accounts.set('hal-1', { email: 'hal@example.com', email_verified: true });
      const idpSignIn = h.server.services.idpSignIn;
      const origin = { ip: '203.0.113.9', userAgent: null };
      const walk = async (interaction: string, sub: string) => {
        const started = await idpSignIn.start(h.realm, 'up', { kind: 'page', interaction }, origin);
        h.upstream.signInAs = sub;
        const callback = new URL(await h.upstream.authorize(started.url));
        const response = await h.server.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `${idpCookieName(started.state)}=${started.browserSecret}` } });
        assert.equal(response.statusCode, 302, response.body);
        return new URL(String(response.headers.location), PUBLIC_URL);
      };
      const back = await walk('uid-A', 'hal-1');
      assert.equal(back.pathname, `/realms/${h.realm.id}/interaction/uid-A/idp-return`);
      const code = back.searchParams.get('code')!;
      await assert.rejects(idpSignIn.signInOnPage(h.realm, 'uid-B', code, origin), { code: 'idp.replayed' }, "another interaction's page cannot use it");
      const again = (await walk('uid-A', 'hal-1')).searchParams.get('code')!;
      const answer = await idpSignIn.signInOnPage(h.realm, 'uid-A', again, origin);
      assert.equal(answer.kind, 'signed_in');
      const hal = answer.kind === 'signed_in' ? answer.result.user.id : '';
      await assert.rejects(idpSignIn.signInOnPage(h.realm, 'uid-A', again, origin), { code: 'idp.replayed' }, 'once');

      // Another upstream account with hal's address, unverified: hal must prove the account first.
      h.upstream.accounts.set('ivy-1', { email: 'hal@example.com', email_verified: false });
      const matched = await walk('uid-C', 'ivy-1');
      assert.equal(matched.pathname, `/realms/${h.realm.id}/interaction/uid-C/idp-return`);
      const link = matched.searchParams.get('link')!;
      assert.deepEqual(await idpSignIn.pendingLinkOnPage(h.realm, 'uid-C', link), { provider: 'Upstream up', email: 'hal@example.com' });
      assert.equal(await idpSignIn.pendingLinkOnPage(h.realm, 'uid-D', link), undefined, "another interaction's page is told nothing");
      await assert.rejects(idpSignIn.linkOnPage(h.realm, 'uid-D', link, hal, origin), { code: 'idp.replayed' }, "another interaction's page cannot use it");
      assert.equal((await idpSignIn.linkOnPage(h.realm, 'uid-C', link, hal, origin))?.subject, 'ivy-1');
      await assert.rejects(idpSignIn.linkOnPage(h.realm, 'uid-C', link, hal, origin), { code: 'idp.replayed' }, 'once');
      // Proved by someone else's account: nothing is linked to it.
      h.upstream.accounts.set('ivy-2', { email: 'hal@example.com', email_verified: false });
      const other = await h.server.services.users.create(h.realm, { username: `not-hal-${dialect}` }, operator);
      const second = (await walk('uid-E', 'ivy-2')).searchParams.get('link')!;
      assert.equal(await idpSignIn.linkOnPage(h.realm, 'uid-E', second, other.id, origin), undefined);
      assert.equal((await h.server.services.linkedIdentities.list(h.realm, other.id)).length, 0);
    });
  });
}
