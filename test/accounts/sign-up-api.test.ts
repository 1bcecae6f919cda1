import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppError } from '../../src/errors.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { linksIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, freshEmail, login, mailsTo, mailTo, PASSWORD, register, signUpRealm, tokenIn } from './flow-fixtures.ts';

for (const dialect of dialects) {
  describe(`sign-up API on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);

    it('is refused with 403 registration.disabled when the realm does not allow it', async () => {
      const realm = await ctx.server.services.realms.create({ name: 'Closed' }, operator);
      const response = await register(ctx, realm, { email: freshEmail(), password: PASSWORD });
      assert.equal(response.statusCode, 403);
      assert.equal(errorCode(response), 'registration.disabled');
      assert.equal((await ctx.server.services.users.list(realm, {}, { limit: 10 })).items.length, 0);
    });

    it('creates the account, emails a verification link, and keeps it out until the link is followed', async () => {
      const realm = await signUpRealm(ctx);
      const email = freshEmail('ada');
      const response = await register(ctx, realm, { email, password: PASSWORD, first_name: 'Ada' });
      assert.equal(response.statusCode, 202, response.body);
      assert.deepEqual(response.json(), { accepted: true, email_verification_required: true });

      const mail = await mailTo(ctx, email);
      assert.match(linksIn(mail)[0], new RegExp(`^http://keyrealm\\.test/realms/${realm.slug}/pages/verify-email\\?token=`));
      const early = await login(ctx, realm, email);
      assert.equal(early.statusCode, 403);
      assert.equal(errorCode(early), 'auth.email_not_verified');
      const wrong = await login(ctx, realm, email, 'not the password at all');
      assert.equal(wrong.statusCode, 401);
      assert.equal(errorCode(wrong), 'auth.invalid_credentials');

      const verified = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/verify-email`, { token: tokenIn(mail) });
      assert.equal(verified.statusCode, 204, verified.body);
      const signedIn = await login(ctx, realm, email);
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const user = signedIn.json().user;
      assert.equal(user.email_verified, true);
      assert.equal(user.signed_up, true);
      assert.equal(user.first_name, 'Ada');
      const events = await ctx.server.services.events.list(ctx.server.database.db, realm.id, { userId: user.id }, { limit: 10 });
      const types = events.items.map((e) => e.type);
      assert.ok(types.includes('user.signed_up') && types.includes('user.email_verified'), types.join());
      assert.ok(events.items.some((e) => e.type === 'user.login.failed' && e.details.reason === 'email_not_verified'));
    });

    it('lets people in at once when the realm does not require verification', async () => {
      const realm = await signUpRealm(ctx, { users: { registration: { enabled: true, require_email_verification: false } } });
      const email = freshEmail();
      const response = await register(ctx, realm, { email, password: PASSWORD });
      assert.deepEqual(response.json(), { accepted: true, email_verification_required: false });
      assert.equal((await login(ctx, realm, email)).statusCode, 200);
      // The address is still to be proved: the link comes all the same.
      await mailTo(ctx, email);
    });

    it('answers the same for an address that has an account, and tells its owner instead', async () => {
      const realm = await signUpRealm(ctx);
      const email = freshEmail('owner');
      await ctx.server.services.users.create(realm, { email, password: PASSWORD }, operator);
      const fresh = await register(ctx, realm, { email: freshEmail(), password: 'another long passphrase' });
      const taken = await register(ctx, realm, { email: email.toUpperCase(), password: 'another long passphrase' });
      assert.equal(taken.statusCode, fresh.statusCode);
      assert.equal(taken.body, fresh.body);
      assert.deepEqual(Object.keys(taken.headers).sort(), Object.keys(fresh.headers).sort());

      const warning = await mailTo(ctx, email);
      assert.match(warning.subject, /sign up|account/i);
      const resetToken = tokenIn(warning);
      const check = await send(ctx.server, 'GET', `/realms/${realm.slug}/auth/reset-password?token=${resetToken}`);
      assert.equal(check.statusCode, 200, check.body);
      // The existing account is untouched: its password still works, and only one account has the address.
      assert.equal((await login(ctx, realm, email)).statusCode, 200);
      assert.equal((await ctx.server.services.users.list(realm, { email }, { limit: 10 })).items.length, 1);
      const refused = await ctx.server.services.events.list(ctx.server.database.db, realm.id, { type: 'user.registration_refused' }, { limit: 10 });
      assert.equal(refused.items.length, 1);
      assert.equal(refused.items[0].code, 1201);
      assert.deepEqual(refused.items[0].details, { reason: 'email_taken' });
    });

    it('checks the realm\u2019s registration fields and keeps them in custom', async () => {
      const realm = await signUpRealm(ctx, {
        users: {
          registration: {
            enabled: true,
            require_email_verification: false,
            fields: [
              { name: 'company', type: 'string', required: true, max_length: 20 },
              { name: 'seats', type: 'number', required: false, max_length: null },
            ],
          },
        },
      });
      const missing = await register(ctx, realm, { email: freshEmail(), password: PASSWORD });
      assert.equal(missing.statusCode, 400);
      assert.equal(errorCode(missing), 'user.invalid');
      assert.deepEqual(missing.json().error.details, [{ field: 'fields.company', issue: 'is required' }]);
      const wrong = await register(ctx, realm, { email: freshEmail(), password: PASSWORD, fields: { company: 'Acme', seats: 'many', admin: true } });
      assert.deepEqual(wrong.json().error.details.map((d: { field: string }) => d.field), ['fields.admin', 'fields.seats']);

      const email = freshEmail();
      assert.equal((await register(ctx, realm, { email, password: PASSWORD, fields: { company: 'Acme', seats: 3 } })).statusCode, 202);
      const token = (await login(ctx, realm, email)).json().access_token;
      const me = await send(ctx.server, 'GET', `/realms/${realm.slug}/account`, undefined, { authorization: `Bearer ${token}` });
      assert.deepEqual(me.json().custom, { company: 'Acme', seats: 3 });
      const edit = await send(ctx.server, 'PATCH', `/realms/${realm.slug}/account`, { fields: { seats: null, company: 'Acme Ltd' } }, { authorization: `Bearer ${token}` });
      assert.equal(edit.statusCode, 200, edit.body);
      assert.deepEqual(edit.json().custom, { company: 'Acme Ltd' });
      const clearRequired = await send(ctx.server, 'PATCH', `/realms/${realm.slug}/account`, { fields: { company: null } }, { authorization: `Bearer ${token}` });
      assert.equal(errorCode(clearRequired), 'user.invalid');
    });

    it('applies the password policy and the body rules', async () => {
      const realm = await signUpRealm(ctx);
      const common = await register(ctx, realm, { email: freshEmail(), password: 'password123' });
      assert.equal(common.statusCode, 422);
      assert.equal(errorCode(common), 'password.common');
      const email = freshEmail('named');
      const personal = await register(ctx, realm, { email, password: `${email.split('@')[0]}!` });
      assert.equal(errorCode(personal), 'password.contains_identifier');
      for (const body of [{ email: freshEmail() }, { email: freshEmail(), password: PASSWORD, role: 'admin' }, { email: 42, password: PASSWORD }, { email: 'not an email', password: PASSWORD }]) {
        const response = await register(ctx, realm, body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
      }
      const malformed = await ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/register`, headers: { 'content-type': 'application/json' }, payload: '{"email":' });
      assert.equal(errorCode(malformed), 'request.malformed_json');
      assert.deepEqual(await mailsTo(ctx, email), []);
    });

    it('takes a username and a mobile number as the realm\u2019s registration.username and .mobile say, with every issue in one answer', async () => {
      const realm = await signUpRealm(ctx, {
        users: {
          registration: { enabled: true, require_email_verification: false, username: 'required', mobile: 'off', fields: [{ name: 'company', type: 'string', required: true, max_length: null }] },
        },
      });
      assert.deepEqual(realm.users.registration, { ...realm.users.registration, username: 'required', mobile: 'off' });
      const lacking = await register(ctx, realm, { email: 'not an address', password: PASSWORD, mobile: '+447700900123' });
      assert.equal(errorCode(lacking), 'user.invalid');
      assert.deepEqual(lacking.json().error.details, [
        { field: 'email', issue: 'is not a valid email address' },
        { field: 'username', issue: 'is required' },
        { field: 'mobile', issue: 'is not taken at sign-up in this realm' },
        { field: 'fields.company', issue: 'is required' },
      ]);
      const email = freshEmail();
      const accepted = await register(ctx, realm, { email, password: PASSWORD, username: 'lin', fields: { company: 'Acme' } });
      assert.equal(accepted.statusCode, 202, accepted.body);
      const [user] = (await ctx.server.services.users.list(realm, {}, { limit: 10 })).items;
      assert.equal(user?.username, 'lin');
      const blankLabel = { users: { registration: { fields: [{ name: 'company', type: 'string' as const, required: true, max_length: null, label: ' ' }] } } };
      await assert.rejects(ctx.server.services.realms.update(realm.id, blankLabel, operator), (error: AppError) => error.details[0]?.field === 'users.registration.fields.0.label');
    });

    it('answers a taken username or mobile number the same whether the address has an account or not', async () => {
      const realm = await signUpRealm(ctx);
      await ctx.server.services.users.create(realm, { username: 'taken-name', mobile: '+447700900555' }, operator);
      const owner = freshEmail('owner');
      await ctx.server.services.users.create(realm, { email: owner, password: PASSWORD }, operator);
      for (const taken of [{ username: 'taken-name' }, { mobile: '+447700900555' }, { username: 'taken-name', mobile: '+447700900555' }]) {
        const existing = await register(ctx, realm, { email: owner, password: PASSWORD, ...taken });
        const unknown = await register(ctx, realm, { email: freshEmail(), password: PASSWORD, ...taken });
        assert.equal(existing.statusCode, 409, JSON.stringify(taken));
        assert.equal(existing.body, unknown.body, `the same answer for ${JSON.stringify(taken)}`);
      }
      assert.equal((await mailsTo(ctx, owner)).length, 0, 'a refused sign-up tells the owner nothing');
    });

    it('refuses a username that spells another address than the one signing up; its own address is fine', async () => {
      const realm = await signUpRealm(ctx, { users: { registration: { enabled: true, require_email_verification: false } } });
      const victim = freshEmail('victim');
      await ctx.server.services.users.create(realm, { email: victim, email_verified: true, password: PASSWORD }, operator);
      const squatter = await register(ctx, realm, { email: freshEmail('squatter'), username: victim.toUpperCase(), password: 'squatter passphrase 1' });
      assert.equal(squatter.statusCode, 400);
      assert.deepEqual(squatter.json().error.details, [{ field: 'username', issue: 'may be an email address only if it is the one signing up' }]);
      const own = freshEmail('own');
      assert.equal((await register(ctx, realm, { email: own, username: own, password: PASSWORD })).statusCode, 202);
      // Look-alike letters are the same username once stored (NFKC): refused too (found by review).
      const lookalike = await register(ctx, realm, { email: freshEmail('squatter'), username: `\uff56${victim.slice(1)}`, password: 'squatter passphrase 1' });
      assert.equal(lookalike.statusCode, 400, lookalike.body);
    });

    it('in a realm without unique emails, the verified owner of an address signs in with it, not another user holding it unverified', async () => {
      const realm = await signUpRealm(ctx, { users: { require_unique_emails: false, registration: { enabled: true, require_email_verification: false } } });
      const victim = freshEmail('victim');
      await ctx.server.services.users.create(realm, { email: victim, email_verified: true, password: PASSWORD }, operator);
      // Found by review: the same address, as username too (its own address, so allowed), unverified.
      assert.equal((await register(ctx, realm, { email: victim, username: victim, password: 'squatter passphrase 1' })).statusCode, 202);
      assert.equal((await login(ctx, realm, victim)).statusCode, 200, 'the owner signs in');
      assert.equal((await login(ctx, realm, victim, 'squatter passphrase 1')).statusCode, 401);
    });

    it('refuses a username that is taken (usernames are not secret), and unknown realms', async () => {
      const realm = await signUpRealm(ctx);
      await ctx.server.services.users.create(realm, { username: 'grace' }, operator);
      const taken = await register(ctx, realm, { email: freshEmail(), username: 'Grace', password: PASSWORD });
      assert.equal(taken.statusCode, 409);
      assert.equal(errorCode(taken), 'user.username_taken');
      const nowhere = await send(ctx.server, 'POST', '/realms/no-such-realm/auth/register', { email: freshEmail(), password: PASSWORD });
      assert.equal(nowhere.statusCode, 404);
    });
  });
}
