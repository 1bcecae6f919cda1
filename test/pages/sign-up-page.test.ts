/**
 * The hosted sign-up page asks exactly what the realm's sign-up takes, on both databases: email
 * only, a required username, a mobile number, registration fields of every type (required and
 * optional, labelled), each refusal shown under its own field and tied to it, what was typed kept
 * (never the passwords), nothing posted beyond the realm's fields written, and an address that has
 * an account answered like a new one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { csrfForm } from '../support/page-forms.ts';
import { flowServerPerSuite, freshEmail, PASSWORD, signUpRealm } from '../accounts/flow-fixtures.ts';

const NEW_PASSWORD = 'orbital mechanics 1969';
const FIELDS = [
  { name: 'company', type: 'string', required: true, max_length: 5, label: 'Company or school' },
  { name: 'team_size', type: 'number', required: false, max_length: null },
  { name: 'born_on', type: 'date', required: true, max_length: null },
  { name: 'newsletter', type: 'boolean', required: false, max_length: null },
] as const;

/** The message shown under the input `id`, when the input points at it and is marked invalid. */
function errorUnder(html: string, id: string): string | undefined {
  const input = new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
  if (!/aria-invalid="true"/.test(input) || !new RegExp(`aria-describedby="[^"]*\\b${id}-error\\b`).test(input)) return undefined;
  return new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
}
const inputOf = (html: string, id: string) => new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0];

for (const dialect of dialects) {
  describe(`hosted sign-up page on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    const realmWith = (registration: Record<string, unknown>) =>
      signUpRealm(ctx, { users: { registration: { enabled: true, require_email_verification: false, ...registration } } });
    const form = async (realm: Realm, query = '') => (await ctx.server.app.inject({ method: 'GET', url: `/realms/${realm.slug}/signup${query}` })).body;
    const post = (realm: Realm, fields: Record<string, string>) =>
      ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.id}/signup`, ...csrfForm(ctx.server.services, realm.id, fields) });
    const usersOf = async (realm: Realm) => (await ctx.server.services.users.list(realm, {}, { limit: 50 })).items;

    it('asks for the email only where the realm takes no username or mobile, and ignores them and unknown fields when posted', async () => {
      const realm = await realmWith({ username: 'off', mobile: 'off' });
      const html = await form(realm);
      assert.match(html, /<input id="email" name="email"[^>]* required>/);
      assert.equal(inputOf(html, 'username'), undefined);
      assert.equal(inputOf(html, 'mobile'), undefined);
      assert.match(html, /<input id="name" name="display_name"/, 'the API takes a display name');
      const email = freshEmail('only');
      const fields = { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD, username: 'sneaky', mobile: '+447700900001', 'fields.role': 'admin', custom: '{"admin":true}' };
      const done = await post(realm, fields);
      assert.equal(done.statusCode, 200, done.body);
      const [user] = await usersOf(realm);
      assert.deepEqual([user?.email, user?.username, user?.mobile, user?.custom], [email, null, null, {}]);
    });

    it('requires a username where the realm does, says so under it, and keeps what was typed but the passwords', async () => {
      const realm = await realmWith({ username: 'required', mobile: 'off' });
      const html = await form(realm);
      assert.match(inputOf(html, 'username') ?? '', / autocomplete="username"[^>]* required/);
      assert.match(html, /<label for="username">Username<\/label>/, 'no "(optional)"');
      const email = freshEmail('named');
      const missing = await post(realm, { email, display_name: 'Lin <b>', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /<p class="error" role="alert">Some of what you entered is not valid/);
      assert.equal(errorUnder(missing.body, 'username'), 'Fill this in.');
      assert.equal(errorUnder(missing.body, 'email'), undefined);
      assert.match(inputOf(missing.body, 'email') ?? '', new RegExp(`value="${email}"`));
      assert.match(inputOf(missing.body, 'name') ?? '', /value="Lin &#60;b&#62;"/);
      assert.doesNotMatch(missing.body, new RegExp(NEW_PASSWORD), 'passwords are never sent back');
      const malformed = await post(realm, { email, username: '-lin', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(errorUnder(malformed.body, 'username'), 'Use letters, digits and . _ - @ +, starting with a letter or a digit.');

      await ctx.server.services.users.create(realm, { username: 'taken' }, operator);
      const taken = await post(realm, { email, username: 'Taken', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(taken.statusCode, 422);
      assert.equal(errorUnder(taken.body, 'username'), 'This username is taken. Choose another.');
      const done = await post(realm, { email, username: 'lin', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await usersOf(realm)).find((user) => user.email === email)?.username, 'lin');
    });

    it('takes a mobile number with its hint, refuses a malformed one under it, in the reader\u2019s language', async () => {
      const realm = await realmWith({ username: 'optional', mobile: 'required' });
      const html = await form(realm);
      assert.match(html, /<label for="username">Username \(optional\)<\/label>/);
      assert.match(inputOf(html, 'mobile') ?? '', /type="tel" autocomplete="tel"[^>]* required aria-describedby="mobile-hint"/);
      const email = freshEmail('mobile');
      const wrong = await post(realm, { email, mobile: '0770 0900', password: NEW_PASSWORD, confirm: NEW_PASSWORD, ui_locales: 'de' });
      assert.equal(wrong.statusCode, 422);
      assert.match(inputOf(wrong.body, 'mobile') ?? '', /aria-describedby="mobile-hint mobile-error"/);
      assert.equal(errorUnder(wrong.body, 'mobile'), 'Geben Sie die Nummer mit + und Ländervorwahl ein.');
      assert.match(inputOf(wrong.body, 'mobile') ?? '', /value="0770 0900"/);
      const done = await post(realm, { email, mobile: '+44 7700 900123', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await usersOf(realm)).find((user) => user.email === email)?.mobile, '+447700900123');
    });

    it('shows each registration field as an input of its type, labelled, and each refusal under its own field', async () => {
      const realm = await realmWith({ username: 'off', mobile: 'off', fields: FIELDS });
      const html = await form(realm);
      assert.match(html, /<label for="field-0">Company or school<\/label><input id="field-0" name="fields.company" value="" type="text" maxlength="5" required>/);
      assert.match(html, /<label for="field-1">Team size \(optional\)<\/label><input id="field-1" name="fields.team_size" value="" type="number" step="any"/);
      assert.match(html, /<label for="field-2">Born on<\/label><input id="field-2" name="fields.born_on" value="" type="date" required>/);
      assert.match(html, /<label class="option" for="field-3"><input id="field-3" name="fields.newsletter" type="checkbox" value="true">Newsletter<\/label>/);

      const email = freshEmail('fields');
      const wrong = await post(realm, { email: 'nobody', password: NEW_PASSWORD, confirm: NEW_PASSWORD, 'fields.company': 'Initech', 'fields.team_size': 'many', 'fields.born_on': '2024-02-30', 'fields.newsletter': 'true' });
      assert.equal(wrong.statusCode, 422);
      assert.deepEqual(
        ['email', 'field-0', 'field-1', 'field-2', 'field-3'].map((id) => errorUnder(wrong.body, id)),
        ['Enter an email address, for example name@example.com.', 'Use at most 5 characters.', 'Enter a number.', 'Enter a date.', undefined],
      );
      assert.match(wrong.body, /name="fields.newsletter" type="checkbox" value="true" checked/, 'the ticked box stays ticked');
      assert.match(inputOf(wrong.body, 'field-1') ?? '', /value="many"/);
      const missing = await post(realm, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      assert.deepEqual([errorUnder(missing.body, 'field-0'), errorUnder(missing.body, 'field-2'), errorUnder(missing.body, 'field-1')], ['Fill this in.', 'Fill this in.', undefined]);

      const done = await post(realm, { email, password: NEW_PASSWORD, confirm: NEW_PASSWORD, 'fields.company': 'Acme', 'fields.team_size': '12', 'fields.born_on': '1990-06-01', 'fields.admin': 'true' });
      assert.equal(done.statusCode, 200, done.body);
      const user = (await usersOf(realm)).find((candidate) => candidate.email === email);
      assert.deepEqual(user?.custom, { company: 'Acme', team_size: 12, born_on: '1990-06-01', newsletter: false }, 'an unticked box is false; no undeclared field');
    });

    it('says a refused password under the password, and differing passwords under the second one', async () => {
      const realm = await realmWith({ username: 'off', mobile: 'off' });
      const email = freshEmail('passwords');
      const differs = await post(realm, { email, password: NEW_PASSWORD, confirm: 'something else' });
      assert.equal(differs.statusCode, 422);
      assert.equal(errorUnder(differs.body, 'confirm'), 'The two passwords differ.');
      const common = await post(realm, { email, password: 'password123', confirm: 'password123' });
      assert.equal(errorUnder(common.body, 'password'), 'This password is one of the most common ones. Choose another.');
      assert.match(inputOf(common.body, 'password') ?? '', /aria-describedby="rules password-error"/);
    });

    it('answers an address that has an account exactly as a new one, whatever else the realm asks', async () => {
      const realm = await realmWith({ username: 'required', mobile: 'optional', fields: [FIELDS[0]] });
      const existing = freshEmail('existing');
      await ctx.server.services.users.create(realm, { email: existing, password: PASSWORD }, operator);
      const answers = [];
      for (const [email, username] of [[existing, 'first'], [freshEmail('fresh'), 'second']]) {
        const answer = await post(realm, { email, username, password: NEW_PASSWORD, confirm: NEW_PASSWORD, 'fields.company': 'Acme' });
        answers.push({ status: answer.statusCode, body: answer.body.replace(email, 'EMAIL').replace(/nonce="[^"]+"|name="csrf" value="[^"]+"/g, '') });
      }
      assert.deepEqual(answers[0], answers[1]);
      assert.equal((await usersOf(realm)).filter((user) => user.email === existing).length, 1);
    });
  });
}
