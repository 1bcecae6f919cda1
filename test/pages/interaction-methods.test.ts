/**
 * The hosted sign-in pages' methods over HTTP, on both databases: the choice of first factors
 * (the same page for every identifier), codes by email, magic links and number matching with the
 * waiting page, codes sent as a second factor, and enrolling an authenticator during sign-in; with
 * their bad paths (wrong, reused and expired codes, resend limits, CSRF, another realm).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { codeIn, linksIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { freshMobile, startProviderStub, type ProviderStub } from '../sms/sms-fixtures.ts';
import { BrowserAgent, locationOf } from '../oidc/browser-agent.ts';
import { oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { csrfForm } from '../support/page-forms.ts';
import { SoftAuthenticator, type CreationOptionsJson } from '../passkeys/soft-authenticator.ts';
import { embeddedOptions } from './passkey-page-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';
const ALL_FIRST = ['password', 'email_otp', 'magic_link', 'number_match'];

/** A code that is not this one. */
const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** A page with what changes per response (nonce, CSRF field, the identifier) taken out. */
const comparable = (html: string, identifier: string) =>
  html.replace(/nonce="[^"]+"/g, 'nonce').replace(/name="csrf" value="[^"]+"/g, 'csrf').replace(/return_to=[^"]+/g, 'return_to').replaceAll(identifier, 'X');

for (const dialect of dialects) {
  describe(`hosted sign-in methods on ${dialect}`, () => {
    let sink: SmtpSink;
    let sms: ProviderStub;
    before(async () => {
      sink = await startSmtpSink();
      sms = await startProviderStub();
    });
    after(async () => {
      await sink.close();
      await sms.close();
    });
    // Rate limits on, as in production; per-IP room for a whole suite from one address, three messages a minute per address.
    const server = oidcServerPerSuite(dialect, () => ({ smtpUrl: sink.url, rateLimits: true, rateLimitRecoveryPerIp: 1000, rateLimitTokenPerIp: 1000, smsProvider: 'webhook', smsWebhookUrl: `${sms.url}/sms` }));
    let counter = 0;

    async function realmWith(sign_in: Record<string, unknown>) {
      const realm = await server.services.realms.create({ name: `Methods ${++counter}`, slug: `methods-${dialect}-${counter}`, sign_in }, operator);
      const clientId = (await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] })).app.clientId;
      return { realm, clientId };
    }

    async function userIn(realm: Realm) {
      const email = `user-${++counter}-${dialect}@example.com`;
      await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      return email;
    }

    /** A browser at the sign-in page of a new authorization request, that posts the pages' forms with their CSRF field. */
    async function browserAt({ realm, clientId }: { realm: Realm; clientId: string }) {
      const agent = new BrowserAgent(server.baseUrl);
      const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
      const url = locationOf(await agent.get(`/realms/${realm.id}/oidc/auth?${query}`));
      let html = await (await agent.get(url)).text();
      return {
        agent,
        url,
        /** Posts a form of the last page seen (its CSRF field unless `csrf: ''`); keeps the answer's page. */
        async post(path: string, fields: Record<string, string>) {
          const response = await agent.get(`${url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: csrfOf(html), ...fields }).toString() });
          const body = await response.text();
          if (body) html = body;
          return { status: response.status, html: body, location: response.headers.get('location') };
        },
        async get(path: string) {
          const response = await agent.get(`${url}/${path}`);
          const body = await response.text();
          if (body.startsWith('<')) html = body;
          return { status: response.status, html: body, location: response.headers.get('location'), csp: response.headers.get('content-security-policy') };
        },
        /** Follows the provider from the interaction's end to the application's callback. */
        async landsAtApplication(location: string | null) {
          assert.ok(location, 'the page sends the browser on');
          const callback = locationOf(await agent.get(location));
          assert.ok(callback.startsWith(`${CALLBACK}?code=`), callback);
        },
      };
    }

    /** The newest mail to `to` after `seen` earlier ones (the server's background sends it). */
    async function nextMail(to: string, seen: number) {
      await server.services.background.settle();
      return sink.waitForMail(() => sink.mails.filter((mail) => mail.to.includes(to)).length > seen).then(() => sink.mails.filter((mail) => mail.to.includes(to)).at(-1)!);
    }

    /** A new user in a realm with every first factor, and a browser that chose `method` for them. */
    async function started(path: 'code/start' | 'link/start', method: string) {
      const setup = await realmWith({ first_factors: ALL_FIRST });
      const email = await userIn(setup.realm);
      const browser = await browserAt(setup);
      return { setup, email, browser, answer: await browser.post(path, { method, identifier: email }) };
    }

    /** A browser that asked for a code by email for a new user, and the code the mail brought. */
    async function codeSent() {
      const start = await started('code/start', 'email_otp');
      return { ...start, code: codeIn(await nextMail(start.email, 0))! };
    }

    it('offers the realm’s first factors after the identifier, on one page for known and unknown identifiers', async () => {
      const setup = await realmWith({ first_factors: ALL_FIRST });
      const email = await userIn(setup.realm);
      const pages: string[] = [];
      for (const identifier of [email, 'nobody@example.com']) {
        const browser = await browserAt(setup);
        const page = await browser.post('identify', { identifier });
        assert.equal(page.status, 200);
        pages.push(comparable(page.html, identifier).replaceAll(browser.url, 'URL'));
      }
      assert.equal(pages[0], pages[1]);
      for (const label of ['Password', 'Email me a code', 'Email me a sign-in link', 'Approve from my email']) assert.match(pages[0], new RegExp(label));
      assert.doesNotMatch(pages[0], /Text me a code/, 'only what the realm offers');
      const passwordOnly = await browserAt(await realmWith({ first_factors: ['password'] }));
      assert.doesNotMatch((await passwordOnly.post('identify', { identifier: email })).html, /formaction/);
    });

    it('signs in with a code by email; a wrong code, a reused code and an unknown identifier are refused alike', async () => {
      const { setup, email, browser: known, answer: sent } = await started('code/start', 'email_otp');
      assert.equal(sent.status, 200);
      assert.match(sent.html, /If an account matches, we have sent a code/);
      const code = codeIn(await nextMail(email, 0));
      assert.ok(code);
      const wrong = await known.post('code/verify', { method: 'email_otp', identifier: email, code: otherThan(code) });
      assert.equal(wrong.status, 401);
      assert.match(wrong.html, /wrong or has expired/);

      const unknown = await browserAt(setup);
      const unknownSent = await unknown.post('code/start', { method: 'email_otp', identifier: 'nobody@example.com' });
      assert.equal(comparable(unknownSent.html, 'nobody@example.com').replaceAll(unknown.url, 'URL'), comparable(sent.html, email).replaceAll(known.url, 'URL'));
      const unknownWrong = await unknown.post('code/verify', { method: 'email_otp', identifier: 'nobody@example.com', code: '000000' });
      assert.equal(unknownWrong.status, 401);
      assert.equal(comparable(unknownWrong.html, 'nobody@example.com').replaceAll(unknown.url, 'URL'), comparable(wrong.html, email).replaceAll(known.url, 'URL'));

      const right = await known.post('code/verify', { method: 'email_otp', identifier: email, code });
      assert.equal(right.status, 303);
      assert.match(known.agent.cookies.get('kr_flow')?.attributes ?? 'Max-Age=0', /Max-Age=0/, 'the flow cookie goes');
      await known.landsAtApplication(right.location);
      assert.notEqual((await known.post('code/verify', { method: 'email_otp', identifier: email, code })).status, 303, 'a used code signs nobody in again');
    });

    it('sends a new code on request (the old one stops working) within the API’s per-address limit, and ends after too many wrong codes', async () => {
      const { email, browser, code: first } = await codeSent();
      const again = await browser.post('code/start', { method: 'email_otp', identifier: email, again: '1' });
      assert.match(again.html, /a new code is on its way/);
      const second = codeIn(await nextMail(email, 1))!;
      if (first !== second) assert.equal((await browser.post('code/verify', { method: 'email_otp', identifier: email, code: first })).status, 401, 'the first code stopped working');
      await browser.post('code/start', { method: 'email_otp', identifier: email, again: '1' });
      const limited = await browser.post('code/start', { method: 'email_otp', identifier: email, again: '1' });
      assert.equal(limited.status, 429, 'three messages a minute per address, as through the API');
      assert.match(limited.html, /Too many attempts/);

      const { email: other, browser: guessing, code } = await codeSent();
      let last = { status: 0, html: '' };
      for (let attempt = 0; attempt < 5; attempt++) last = await guessing.post('code/verify', { method: 'email_otp', identifier: other, code: otherThan(code) });
      assert.match(last.html, /Too many wrong codes/);
      assert.notEqual((await guessing.post('code/verify', { method: 'email_otp', identifier: other, code })).status, 303, 'the right code is too late');
    });

    it('signs in with a code by text message to a verified mobile', async () => {
      const setup = await realmWith({ first_factors: ['password', 'sms_otp'] });
      const mobile = freshMobile();
      await server.services.users.create(setup.realm, { username: `sms-${++counter}`, mobile, mobile_verified: true, password: PASSWORD }, operator);
      const browser = await browserAt(setup);
      assert.match((await browser.post('identify', { identifier: mobile })).html, /Text me a code/);
      const sent = await browser.post('code/start', { method: 'sms_otp', identifier: mobile });
      assert.match(sent.html, /sent a code by text message/);
      await server.services.background.settle();
      await server.mailWorker.drain();
      const text = sms.requests.map((request) => JSON.parse(request.body) as { to: string; body: string }).find((message) => message.to === mobile)?.body;
      const code = /\b(\d{6})\b/.exec(text ?? '')?.[1];
      assert.ok(code, text);
      const right = await browser.post('code/verify', { method: 'sms_otp', identifier: mobile, code });
      assert.equal(right.status, 303);
      await browser.landsAtApplication(right.location);
    });

    it('refuses a code after the flow has expired, a form without CSRF, and another realm’s interaction', async () => {
      const { setup, email, browser, code } = await codeSent();
      server.clock.advance(16 * 60_000);
      const late = await browser.post('code/verify', { method: 'email_otp', identifier: email, code });
      assert.equal(late.status, 410);
      assert.match(late.html, /This code has expired/);

      const fresh = await browserAt(setup);
      assert.equal((await fresh.post('code/start', { method: 'email_otp', identifier: email, csrf: '' })).status, 400);
      assert.equal((await fresh.post('link/start', { method: 'magic_link', identifier: email, csrf: '' })).status, 400);
      const other = await realmWith({ first_factors: ALL_FIRST });
      const uid = fresh.url.split('/').at(-1);
      const foreign = await fresh.agent.get(`/realms/${other.realm.id}/interaction/${uid}/link`);
      assert.equal(foreign.status, 404);
      assert.match(await foreign.text(), /unknown or has expired/);
    });

    it('signs in with a magic link opened elsewhere: the waiting page goes on by its button without script (its script asks, moving nothing)', async () => {
      const { setup, email, browser, answer } = await started('link/start', 'magic_link');
      assert.equal(answer.status, 303);
      assert.equal(answer.location, `${browser.url}/link`);
      const waiting = await browser.get('link');
      assert.equal(waiting.status, 200);
      assert.match(waiting.html, /I have approved it, continue/);
      assert.doesNotMatch(waiting.html, /http-equiv="refresh"/, 'no timed reload (WCAG 2.2.1)');
      assert.match(waiting.html, /<script nonce="[^"]+">setInterval/, 'a script that only enhances, under the nonce');
      assert.match(waiting.csp ?? '', /script-src 'nonce-[^']+'; connect-src 'self'/);
      assert.deepEqual(JSON.parse((await browser.get('link/check')).html), { waiting: true });

      const unknown = await browserAt(setup);
      await unknown.post('link/start', { method: 'magic_link', identifier: 'nobody@example.com' });
      assert.equal(comparable((await unknown.get('link')).html, 'nobody@example.com').replaceAll(unknown.url, 'URL'), comparable(waiting.html, email).replaceAll(browser.url, 'URL'), 'the same wait for an unknown identifier');

      const token = new URL(linksIn(await nextMail(email, 0))[0]).searchParams.get('token')!;
      const approved = await server.app.inject({ method: 'POST', url: `/realms/${setup.realm.slug}/pages/magic-link`, ...csrfForm(server.services, setup.realm.id, { token }) });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual(JSON.parse((await browser.get('link/check')).html), { waiting: false }, 'the script would go on now');
      const done = await browser.get('link');
      assert.equal(done.status, 303);
      await browser.landsAtApplication(done.location);
    });

    it('shows the number for number matching; a wrong pick ends the sign-in', async () => {
      const { setup, email, browser } = await started('link/start', 'number_match');
      const waiting = await browser.get('link');
      const number = Number(/class="number"[^>]*>(\d+)</.exec(waiting.html)?.[1]);
      assert.ok(number >= 10 && number <= 99, waiting.html);
      const token = new URL(linksIn(await nextMail(email, 0))[0]).searchParams.get('token')!;
      const page = await server.app.inject({ method: 'GET', url: `/realms/${setup.realm.slug}/pages/magic-link?token=${token}` });
      const wrongPick = [...page.body.matchAll(/name="pick" value="(\d+)"/g)].map((match) => Number(match[1])).find((pick) => pick !== number);
      const picked = await server.app.inject({ method: 'POST', url: `/realms/${setup.realm.slug}/pages/magic-link`, ...csrfForm(server.services, setup.realm.id, { token, pick: String(wrongPick) }) });
      assert.match(picked.body, /did not match|not the number/i, picked.body.slice(-600));
      const ended = await browser.get('link');
      assert.equal(ended.status, 410);
      assert.match(ended.html, /has ended or its link has expired/);
    });

    it('sends a code by email as the second factor, on request', async () => {
      const setup = await realmWith({ first_factors: ['password'], second_factors: ['totp', 'email_otp', 'recovery_code'], mfa: 'required' });
      const email = await userIn(setup.realm);
      const browser = await browserAt(setup);
      const factor = await browser.post('password', { identifier: email, password: PASSWORD });
      assert.equal(factor.status, 200);
      assert.match(factor.html, /Send a code by email/);
      const sent = await browser.post('factor/send', { method: 'email_otp' });
      assert.match(sent.html, /A code is on its way to your email address/);
      assert.match(sent.html, /value="email_otp" checked/);
      const code = codeIn(await nextMail(email, 0))!;
      const wrong = await browser.post('factor', { method: 'email_otp', code: otherThan(code) });
      assert.equal(wrong.status, 401);
      assert.match(wrong.html, /That code did not match/);
      const right = await browser.post('factor', { method: 'email_otp', code });
      assert.equal(right.status, 303);
      await browser.landsAtApplication(right.location);
    });

    it('a step-up flow planted in the flow cookie completes nothing here: the expired page, not an error', async () => {
      const setup = await realmWith({ first_factors: ['password'], second_factors: ['email_otp'] });
      const email = await userIn(setup.realm);
      const login = await fetch(`${server.baseUrl}/realms/${setup.realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: email, password: PASSWORD }) });
      const { access_token: token } = (await login.json()) as { access_token: string };
      const stepUp = await fetch(`${server.baseUrl}/realms/${setup.realm.id}/auth/step-up`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(stepUp.status, 200, await stepUp.clone().text());
      const { flow_id: flowId } = (await stepUp.json()) as { flow_id: string };
      const browser = await browserAt(setup);
      browser.agent.keep(`kr_flow=${flowId}; Path=${browser.url}; HttpOnly`);
      await browser.post('factor/send', { method: 'email_otp' });
      const code = codeIn(await nextMail(email, 0))!;
      const answer = await browser.post('factor', { method: 'email_otp', code });
      assert.equal(answer.status, 400);
      assert.match(answer.html, /unknown or has expired/);
    });

    it('offers a passkey beside the authenticator app when enrolling; a refused attestation shows new options; the passkey completes the sign-in', async () => {
      const setup = await realmWith({ first_factors: ['password'], second_factors: ['totp', 'passkey', 'recovery_code'], mfa: 'required' });
      const email = await userIn(setup.realm);
      const browser = await browserAt(setup);
      const choice = await browser.post('password', { identifier: email, password: PASSWORD });
      assert.equal(choice.status, 200);
      assert.match(choice.html, /<h1>Set up a second factor<\/h1>/);
      assert.match(choice.html, /name="method" value="passkey"[^>]*>A passkey or security key<\/button><button type="submit" class="secondary" name="method" value="totp">An authenticator app</);
      const app = await browser.post('enrol-start', { method: 'totp' });
      assert.match(app.html, /alt="QR code for your authenticator app"/, 'the app can still be chosen');

      const first = await browser.post('enrol-start', { method: 'passkey' });
      assert.equal(first.status, 200);
      assert.match(first.html, /action="[^"]+\/enrol-passkey" data-passkey-create/);
      const options = embeddedOptions(first.html) as unknown as CreationOptionsJson;
      assert.ok(options?.challenge && options.user.id);
      const refused = await browser.post('enrol-passkey', { response: '{"id":"x"}' });
      assert.equal(refused.status, 401);
      assert.match(refused.html, /could not be registered/);
      const renewed = embeddedOptions(refused.html) as unknown as CreationOptionsJson;
      assert.notEqual(renewed.challenge, options.challenge, 'new options after a refusal');

      const device = new SoftAuthenticator({ rpId: renewed.rp.id, origin: new URL(server.baseUrl).origin });
      const done = await browser.post('enrol-passkey', { response: JSON.stringify(device.create(renewed)) });
      assert.equal(done.status, 303, done.html);
      await browser.landsAtApplication(done.location);
    });

    it('enrols an authenticator during a sign-in that requires one, shows the recovery codes once, then goes on', async () => {
      const setup = await realmWith({ first_factors: ['password'], second_factors: ['totp', 'recovery_code'], mfa: 'required' });
      const email = await userIn(setup.realm);
      const browser = await browserAt(setup);
      const enrol = await browser.post('password', { identifier: email, password: PASSWORD });
      assert.equal(enrol.status, 200);
      assert.match(enrol.html, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code for your authenticator app"/);
      const secret = /name="secret" value="([A-Z2-7]+)"/.exec(enrol.html)?.[1];
      assert.ok(secret);
      const code = () => totp(base32Decode(secret), server.clock.now(), { algorithm: 'SHA1', digits: 6 });
      const wrong = await browser.post('enrol', { method: 'totp', secret, uri: /name="uri" value="([^"]+)"/.exec(enrol.html)![1].replaceAll('&amp;', '&'), code: otherThan(code()) });
      assert.equal(wrong.status, 401);
      assert.match(wrong.html, /That code did not match/);
      assert.ok(wrong.html.includes(secret), 'the same secret again');
      const done = await browser.post('enrol', { method: 'totp', secret, uri: 'otpauth://x', code: code() });
      assert.equal(done.status, 200);
      const codes = [...done.html.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((match) => match[1]);
      assert.ok(codes.length >= 8, done.html);
      const onward = /<a class="onward" href="([^"]+)"/.exec(done.html)?.[1]?.replaceAll('&amp;', '&');
      await browser.landsAtApplication(onward ?? null);
    });

    it('refuses an enrolment posted back in a shape the server never gives, with a page, not a 500 (found by review)', async () => {
      const setup = await realmWith({ first_factors: ['password'], second_factors: ['totp', 'recovery_code'], mfa: 'required' });
      const email = await userIn(setup.realm);
      const posted: [string | undefined, string][] = [[undefined, `otpauth://${'x'.repeat(4000)}`], ['not base32!', 'otpauth://totp/A:b?secret=X']];
      for (const [secret, uri] of posted) {
        const browser = await browserAt(setup);
        const enrol = await browser.post('password', { identifier: email, password: PASSWORD });
        const given = /name="secret" value="([A-Z2-7]+)"/.exec(enrol.html)?.[1] as string;
        const refused = await browser.post('enrol', { method: 'totp', secret: secret ?? given, uri, code: '000000' });
        assert.equal(refused.status, 400, refused.html.slice(0, 300));
        assert.match(refused.html, /<html/);
      }
    });
  });
}
