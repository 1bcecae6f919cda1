/**
 * The hosted account pages over HTTP, on both databases: sign-up and forgotten password through
 * the API's services (same mail, same answers whatever accounts exist), the emailed links' pages
 * (spent, expired, another realm's), CSRF on every form, the way back to sign-in kept to the
 * realm's own, and the language chosen.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode } from '../support/http.ts';
import { csrfForm } from '../support/page-forms.ts';
import { linksIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, freshEmail, login, mailsTo, mailTo, PASSWORD, signUpRealm } from '../accounts/flow-fixtures.ts';
import { applicationsOf } from '../oidc/oidc-fixtures.ts';

const NEW_PASSWORD = 'orbital mechanics 1969';
const headingOf = (html: string) => /<h1>(.*?)<\/h1>/s.exec(html)?.[1];
/** A page with what changes per response (nonce, CSRF field) taken out. */
const comparable = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce').replace(/name="csrf" value="[^"]+"/g, 'csrf');

for (const dialect of dialects) {
  describe(`hosted account pages on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    let realm: Realm;

    before(async () => {
      realm = await signUpRealm(ctx);
    });

    const get = (url: string, headers: Record<string, string> = {}) => ctx.server.app.inject({ method: 'GET', url, headers });
    /** Posts a form as the browser that opened the page (a valid CSRF field), or without one. */
    const post = (url: string, fields: Record<string, string>, options: { csrf?: boolean; into?: Realm } = {}) =>
      options.csrf === false
        ? ctx.server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })
        : ctx.server.app.inject({ method: 'POST', url, ...csrfForm(ctx.server.services, (options.into ?? realm).id, fields) });
    /** The path and query of the first link in the newest message to `email` matching `subject`. */
    const linkTo = async (email: string, subject: RegExp) => {
      const url = new URL(linksIn(await mailTo(ctx, email, subject))[0]);
      return { path: url.pathname + url.search, token: url.searchParams.get('token') ?? '' };
    };

    it('signs up with the rules stated first, sends the verification mail the API sends, and the link confirms the address', async () => {
      const form = await get(`/realms/${realm.slug}/signup`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<ul class="rules" id="rules"><li>At least 8 characters/);
      assert.match(String(form.headers['set-cookie']), new RegExp(`^kr_csrf=[\\w-]{43}; Path=/realms/${realm.slug}; HttpOnly; SameSite=Lax`));
      assert.match(String(form.headers['content-security-policy']), /style-src 'nonce-/);
      const email = freshEmail('page-sign-up');
      // The form posts back to the address it was opened at, where the browser's cookie reaches.
      assert.match(form.body, /<form method="post">/);
      const cookie = String(form.headers['set-cookie']).split(';')[0];
      const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const differs = await ctx.server.app.inject({
        method: 'POST',
        url: `/realms/${realm.slug}/signup`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        payload: new URLSearchParams({ csrf, email, display_name: 'Ada <b>', password: NEW_PASSWORD, confirm: 'something else' }).toString(),
      });
      assert.equal(differs.statusCode, 422);
      assert.match(differs.body, /The two passwords differ\./);
      assert.ok(differs.body.includes(`value="${email}"`) && differs.body.includes('value="Ada &#60;b&#62;"'), 'what was typed is kept, escaped');
      const common = await post(`/realms/${realm.id}/signup`, { email, password: 'password123', confirm: 'password123' });
      assert.equal(common.statusCode, 422);
      assert.match(common.body, /one of the most common/);
      const malformed = await post(`/realms/${realm.id}/signup`, { email: 'not an address', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(malformed.statusCode, 422);
      assert.match(malformed.body, /Some of what you entered is not valid/);
      const done = await post(`/realms/${realm.id}/signup`, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(done.statusCode, 200);
      assert.equal(headingOf(done.body), 'Check your email');
      assert.ok(done.body.includes(`We have sent a message to ${email}. Follow its link`));

      const link = await linkTo(email, /Confirm your email/);
      assert.equal(link.path, `/realms/${realm.slug}/pages/verify-email?token=${link.token}`, 'the link the API mails');
      assert.equal(headingOf((await get(link.path)).body), 'Confirm your email address');
      assert.equal(errorCode(await login(ctx, realm, email, NEW_PASSWORD)), 'auth.email_not_verified', 'opening the link confirmed nothing');
      const confirmed = await post(link.path, { token: link.token });
      assert.equal(headingOf(confirmed.body), 'Email address confirmed');
      assert.equal((await login(ctx, realm, email, NEW_PASSWORD)).statusCode, 200);
      const reused = await post(link.path, { token: link.token });
      assert.equal(reused.statusCode, 400);
      assert.equal(headingOf(reused.body), 'This link does not work');
    });

    it('asks the realm’s registration fields, each as an input of its type, and keeps them on the account', async () => {
      const fielded = await signUpRealm(ctx, {
        users: {
          registration: {
            enabled: true,
            require_email_verification: false,
            fields: [
              { name: 'company', type: 'string', required: true, max_length: 50 },
              { name: 'seats', type: 'number', required: false, max_length: null },
              { name: 'born', type: 'date', required: false, max_length: null },
              { name: 'newsletter', type: 'boolean', required: false, max_length: null },
            ],
          },
        },
      });
      const form = (await get(`/realms/${fielded.slug}/signup`)).body;
      assert.match(form, /<label for="field-0">Company<\/label><input id="field-0" name="fields.company" value="" type="text" maxlength="50" required>/);
      assert.match(form, /<label for="field-1">Seats \(optional\)<\/label><input id="field-1" name="fields.seats" value="" type="number"/);
      assert.match(form, /name="fields.born" value="" type="date"/);
      assert.match(form, /<input id="field-3" name="fields.newsletter" type="checkbox" value="true">Newsletter<\/label>/);
      const email = freshEmail('fields');
      const base = { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD };
      const missing = await post(`/realms/${fielded.id}/signup`, { ...base, 'fields.seats': '3' }, { into: fielded });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /Some of what you entered is not valid/);
      assert.match(missing.body, /name="fields.seats" value="3" type="number"/, 'what was typed is kept');
      const done = await post(`/realms/${fielded.id}/signup`, { ...base, 'fields.company': 'Initech', 'fields.seats': '3', 'fields.newsletter': 'true' }, { into: fielded });
      assert.equal(done.statusCode, 200);
      assert.ok(done.body.includes(`We have sent a message to ${email}. You can sign in now.`));
      const signedIn = await login(ctx, fielded, email, NEW_PASSWORD);
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const row = await ctx.server.database.db.selectFrom('users').select('custom').where('id', '=', signedIn.json().user.id).executeTakeFirstOrThrow();
      const custom = typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom;
      assert.deepEqual(custom, { company: 'Initech', seats: 3, newsletter: true });
    });

    it('answers a sign-up with a taken address exactly as a new one, and tells the owner by mail', async () => {
      const taken = freshEmail('taken');
      await ctx.server.services.users.create(realm, { email: taken, password: PASSWORD }, operator);
      const answers = [];
      for (const email of [taken, freshEmail('new')]) {
        const answer = await post(`/realms/${realm.id}/signup`, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
        answers.push({ status: answer.statusCode, html: comparable(answer.body).replaceAll(email, 'X') });
      }
      assert.deepEqual(answers[0], answers[1]);
      assert.match((await mailTo(ctx, taken, /Someone tried to sign up/)).subject, /Someone tried/);
      assert.equal((await login(ctx, realm, taken)).statusCode, 200, 'the owner’s password is untouched');
    });

    it('answers forgot-password the same for an account and for nobody; the mailed link sets a new password once', async () => {
      const email = freshEmail('forgot');
      await ctx.server.services.users.create(realm, { email, password: PASSWORD }, operator);
      const answers = [];
      for (const identifier of [email, freshEmail('nobody')]) {
        const answer = await post(`/realms/${realm.id}/forgot-password`, { identifier });
        answers.push({ status: answer.statusCode, html: comparable(answer.body).replaceAll(identifier, 'X') });
      }
      assert.deepEqual(answers[0], answers[1]);
      assert.equal(answers[0].status, 200);
      assert.match(answers[0].html, /If an account matches what you entered, we have sent a link to its email address\. The link works for 60 minutes\./);

      const link = await linkTo(email, /Reset your/);
      const form = await get(link.path);
      assert.equal(headingOf(form.body), 'Choose a new password');
      const done = await post(link.path, { token: link.token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(headingOf(done.body), 'Password changed');
      assert.equal((await login(ctx, realm, email, NEW_PASSWORD)).statusCode, 200);
      assert.equal((await get(link.path)).statusCode, 400, 'a spent link');
      assert.equal(headingOf((await post(link.path, { token: link.token, password: 'another phrase 77', confirm: 'another phrase 77' })).body), 'This link does not work');
    });

    it('refuses an expired reset link and a link at another realm’s page', async () => {
      const short = await signUpRealm(ctx, { tokens: { reset_token_minutes: 15 } });
      const email = freshEmail('expiring');
      await ctx.server.services.users.create(short, { email, password: PASSWORD }, operator);
      await post(`/realms/${short.id}/forgot-password`, { identifier: email }, { into: short });
      const link = await linkTo(email, /Reset your/);
      const foreign = await get(`/realms/${realm.slug}/pages/reset-password?token=${link.token}`);
      assert.equal(foreign.statusCode, 400);
      assert.equal(headingOf(foreign.body), 'This link does not work');
      ctx.server.clock.advance(16 * 60_000);
      const expired = await get(link.path);
      assert.equal(expired.statusCode, 400);
      assert.match(expired.body, /has expired or has been used already/);
    });

    it('refuses every form without this browser’s CSRF field, and does nothing', async () => {
      const other = await signUpRealm(ctx);
      const email = freshEmail('csrf');
      await ctx.server.services.users.create(realm, { email, password: PASSWORD }, operator);
      for (const [path, fields] of [
        [`/realms/${realm.id}/signup`, { email: freshEmail('csrf-new'), password: NEW_PASSWORD, confirm: NEW_PASSWORD }],
        [`/realms/${realm.id}/forgot-password`, { identifier: email }],
        [`/realms/${realm.slug}/pages/verify-email`, { token: 'x' }],
        [`/realms/${realm.slug}/pages/reset-password`, { token: 'x', password: NEW_PASSWORD, confirm: NEW_PASSWORD }],
        [`/realms/${realm.slug}/pages/magic-link`, { token: 'x' }],
      ] as const) {
        for (const answer of [await post(path, fields, { csrf: false }), await post(path, fields, { into: other })]) {
          assert.equal(answer.statusCode, 400, path);
          assert.match(String(answer.headers['content-type']), /^text\/html/);
          assert.match(answer.body, /This form has expired/, path);
        }
      }
      assert.equal((await mailsTo(ctx, email)).length, 0, 'no reset link was sent');
    });

    it('answers an unknown realm, and a realm closed to sign-up, with pages, not JSON', async () => {
      for (const url of ['/realms/no-such-realm/signup', '/realms/no-such-realm/forgot-password']) {
        for (const answer of [await get(url), await post(url, { identifier: 'x' })]) {
          assert.equal(answer.statusCode, 404, url);
          assert.match(String(answer.headers['content-type']), /^text\/html/);
          assert.match(answer.body, /<h1>Page not found<\/h1>/);
        }
      }
      const closed = await ctx.server.services.realms.create({ name: `Closed ${dialect}` }, operator);
      const email = freshEmail('closed');
      for (const answer of [await get(`/realms/${closed.slug}/signup`), await post(`/realms/${closed.id}/signup`, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { into: closed })]) {
        assert.equal(answer.statusCode, 404);
        assert.match(answer.body, /does not let people create accounts themselves/);
      }
      assert.equal((await mailsTo(ctx, email)).length, 0);
    });

    it('leads back only to the realm’s own sign-in or a registered redirect URI, never elsewhere', async () => {
      await applicationsOf(ctx.server.services).add(realm, { redirectUris: ['https://app.example/callback'] });
      const back = (html: string) => [...html.matchAll(/<a (?:class="onward" )?href="([^"]*)">Back to sign-in<\/a>/g)].map((match) => match[1]);
      const interaction = `/realms/${realm.id}/interaction/abc_DEF-123`;
      for (const page of ['signup', 'forgot-password']) {
        const url = (returnTo: string) => `/realms/${realm.slug}/${page}?return_to=${encodeURIComponent(returnTo)}`;
        assert.deepEqual(back((await get(url(interaction))).body), [interaction]);
        assert.deepEqual(back((await get(url('https://app.example/callback'))).body), [`/realms/${realm.id}/login?redirect_uri=https%3A%2F%2Fapp.example%2Fcallback`]);
        for (const hostile of ['https://evil.example/', '//evil.example/x', `/realms/other-realm/interaction/abc`, `${interaction}/../../../x`, 'https://app.example/callback/', 'javascript:alert(1)']) {
          const html = (await get(url(hostile))).body;
          assert.deepEqual(back(html), [], hostile);
          assert.ok(!html.includes('evil.example') && !html.includes('javascript:'), hostile);
        }
      }
      const done = await post(`/realms/${realm.id}/forgot-password`, { identifier: freshEmail('nobody'), return_to: interaction });
      assert.deepEqual(back(done.body), [interaction], 'the answer leads back too');
    });

    it('speaks ui_locales first, then Accept-Language, then English', async () => {
      const lang = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
      const signUp = `/realms/${realm.slug}/signup`;
      assert.equal(lang((await get(`${signUp}?ui_locales=de-CH`, { 'accept-language': 'fr' })).body), 'de');
      assert.match((await get(signUp, { 'accept-language': 'it, es;q=0.8' })).body, /<h1>Crear una cuenta<\/h1>/);
      assert.equal(lang((await get(signUp, { 'accept-language': 'ja' })).body), 'en');
      const french = await post(`/realms/${realm.id}/forgot-password`, { identifier: freshEmail('fr'), ui_locales: 'fr' });
      assert.equal(headingOf(french.body), 'Consultez vos e-mails');
      assert.match(french.body, /Le lien est valable 60 minutes\./);
      const german = await get(`/realms/${realm.slug}/pages/reset-password?token=nonsense`, { 'accept-language': 'de' });
      assert.equal(headingOf(german.body), 'Dieser Link funktioniert nicht');
    });
  });
}
