/**
 * BROWSER TESTS (real Chromium, SQLite only): passkeys end to end with a virtual authenticator
 * attached through the Chrome DevTools Protocol. The test server listens on
 * http://localhost:<port>; the page is one of its own URLs, so the browser reports that origin.
 * Registration goes through our account routes (from the page itself, and through inject);
 * sign-in through the primitives the flow engine calls.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PasskeyCheck } from '../../src/passkeys/passkey-authentication.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { browserPerSuite } from '../support/browser.ts';
import { bearer, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { addVirtualAuthenticator, clientDataOf, createInPage, getInPage, moveCredentials, rewindCounter, storedCredentials, type VirtualAuthenticator } from './browser-webauthn.ts';
import { eventsOf, holder, passkeyRealm, type Holder } from './passkey-fixtures.ts';

describe('passkeys in Chromium with a virtual authenticator (browser, SQLite)', () => {
  const server = serverPerSuite({ dialect: 'sqlite' });
  const chromium = browserPerSuite();
  let origin: string;
  let realm: Realm;

  before(async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://localhost:${(server.app.server.address() as AddressInfo).port}`;
    realm = await passkeyRealm(server, { rp_id: 'localhost', allowed_origins: [origin] });
  });

  const passkeys = () => server.services.passkeys;
  const refused = (check: PasskeyCheck) => (check.ok ? 'accepted' : check.reason);

  /** A page of the server's own origin with a fresh virtual authenticator; closed after `use`. */
  async function withPage<T>(use: (page: Page, authenticator: VirtualAuthenticator) => Promise<T>): Promise<T> {
    const page = await chromium.browser.newPage();
    try {
      await page.goto(`${origin}/health`);
      return await use(page, await addVirtualAuthenticator(page));
    } finally {
      await page.close();
    }
  }

  /** Registration through the API with the browser's credential; the response of verify. */
  async function registerIn(page: Page, who: Holder) {
    const options = await send(server, 'POST', `/realms/${who.realm.slug}/account/passkeys/registration/options`, {}, bearer(who.token));
    assert.equal(options.statusCode, 200, options.body);
    const created = await createInPage(page, options.json());
    assert.ok(created.ok, created.ok ? '' : created.error);
    return send(server, 'POST', `/realms/${who.realm.slug}/account/passkeys/registration/verify`, { response: created.credential, name: 'Chromium' }, bearer(who.token));
  }

  /** A sign-in: options from the primitives (discoverable unless a user is named), the assertion from the page. */
  async function signIn(page: Page, target: Realm = realm, userId?: string) {
    const { options, challenge } = await passkeys().authenticationOptions(target, { userId });
    const got = await getInPage(page, options);
    assert.ok(got.ok, got.ok ? '' : got.error);
    return { challenge, assertion: got.credential };
  }

  it('registers a discoverable passkey from the page itself and signs in with it, no user named', async () => {
    const who = await holder(server, realm, 'chromium');
    await withPage(async (page, authenticator) => {
      const registered = await page.evaluate(
        async ({ realmSlug, token }) => {
          const web = globalThis as unknown as {
            fetch(url: string, init?: Record<string, unknown>): Promise<{ status: number; json(): Promise<unknown> }>;
            PublicKeyCredential: { parseCreationOptionsFromJSON(json: unknown): unknown };
            navigator: { credentials: { create(options: { publicKey: unknown }): Promise<{ toJSON(): unknown }> } };
          };
          const base = `/realms/${realmSlug}/account/passkeys/registration`;
          const headers = { authorization: `Bearer ${token}` };
          const options = await (await web.fetch(`${base}/options`, { method: 'POST', headers })).json();
          const credential = await web.navigator.credentials.create({ publicKey: web.PublicKeyCredential.parseCreationOptionsFromJSON(options) });
          const body = JSON.stringify({ response: credential.toJSON(), name: 'This laptop' });
          const response = await web.fetch(`${base}/verify`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
          return { status: response.status, body: (await response.json()) as { id: string; credential_id: string; name: string } };
        },
        { realmSlug: realm.slug, token: who.token },
      );
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      assert.equal(registered.body.name, 'This laptop');
      const [stored] = await storedCredentials(authenticator);
      assert.equal(stored.isResidentCredential, true, 'a discoverable credential');
      assert.equal(Buffer.from(stored.credentialId, 'base64').toString('base64url'), registered.body.credential_id);

      const { challenge, assertion } = await signIn(page);
      assert.equal(clientDataOf(assertion).origin, origin);
      assert.equal(Buffer.from(assertion.response.userHandle, 'base64url').toString(), who.id);
      const check = await passkeys().verifyAuthentication(realm, challenge, assertion);
      assert.deepEqual(check, { ok: true, userId: who.id, passkeyId: registered.body.id, credentialId: registered.body.credential_id, amr: ['hwk', 'user'], userVerified: true });
    });
  });

  it('refuses a tampered origin: a realm that does not allow this page, and a rewritten clientDataJSON', async () => {
    const elsewhere = await passkeyRealm(server, { rp_id: 'localhost', allowed_origins: ['https://app.localhost'] });
    const stranger = await holder(server, elsewhere, 'stranger');
    const who = await holder(server, realm, 'tamper');
    await withPage(async (page) => {
      const foreign = await registerIn(page, stranger);
      assert.equal(foreign.statusCode, 422);
      assert.deepEqual(foreign.json().error.details, [{ field: 'response', issue: 'origin_not_allowed' }]);

      assert.equal((await registerIn(page, who)).statusCode, 201);
      // The authenticator also holds the credential the other realm refused: name the user.
      const { challenge, assertion } = await signIn(page, realm, who.id);
      const clientData = { ...clientDataOf(assertion), origin: 'https://evil.localhost' };
      const tampered = { ...assertion, response: { ...assertion.response, clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString('base64url') } };
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, tampered)), 'origin_not_allowed');
      // Keeping the origin but changing anything else the browser signed breaks the signature.
      const resigned = { ...clientDataOf(assertion), extra: 'x' };
      const forged = { ...assertion, response: { ...assertion.response, clientDataJSON: Buffer.from(JSON.stringify(resigned)).toString('base64url') } };
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, forged)), 'bad_signature');
      assert.equal((await passkeys().verifyAuthentication(realm, challenge, assertion)).ok, true, 'the genuine assertion still works');
    });
  });

  it('refuses a used assertion and a cloned authenticator whose counter went back', async () => {
    const who = await holder(server, realm, 'counter');
    await withPage(async (page, authenticator) => {
      assert.equal((await registerIn(page, who)).statusCode, 201);
      const first = await signIn(page);
      assert.equal((await passkeys().verifyAuthentication(realm, first.challenge, first.assertion)).ok, true);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, first.challenge, first.assertion)), 'counter_regressed', 'a replay');

      const [credential] = await storedCredentials(authenticator);
      assert.ok(credential.signCount > 0, 'Chromium\u2019s virtual authenticator counts signatures');
      await rewindCounter(authenticator, credential, 0);
      const cloned = await signIn(page);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, cloned.challenge, cloned.assertion)), 'counter_regressed');
      const [event] = await eventsOf(server, realm, 'passkey.counter_regressed', who.id);
      assert.equal(event.details.reason, 'counter_regressed');
    });
  });

  it('requires user verification when the realm says so', async () => {
    const strict = await passkeyRealm(server, { rp_id: 'localhost', allowed_origins: [origin], user_verification: 'required' });
    const who = await holder(server, strict, 'uv');
    await withPage(async (page, authenticator) => {
      assert.equal((await registerIn(page, who)).statusCode, 201);
      const verified = await signIn(page, strict);
      assert.equal((await passkeys().verifyAuthentication(strict, verified.challenge, verified.assertion)).ok, true);
      // The person cannot be verified now (no PIN, no fingerprint): the browser refuses to assert at all.
      await authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator.authenticatorId, isUserVerified: false });
      const { options } = await passkeys().authenticationOptions(strict);
      const got = await getInPage(page, options);
      assert.equal(got.ok, false);
      // The same credential on an authenticator that cannot verify its user, asked by a client that
      // lowered the options to `preferred`, gives an unverified assertion: refused here.
      await moveCredentials(page, authenticator, { verifiesUser: false });
      const lowered = await passkeys().authenticationOptions(strict, { userId: who.id });
      const unverified = await getInPage(page, { ...lowered.options, userVerification: 'preferred' });
      assert.ok(unverified.ok, unverified.ok ? '' : unverified.error);
      assert.equal(refused(await passkeys().verifyAuthentication(strict, lowered.challenge, unverified.credential)), 'user_verification_required');
    });
  });
});
