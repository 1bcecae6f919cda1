import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

const NEW_PASSWORD = 'a brand new password';

/** The current password of a signed-in user is guessed through the account route, not the login route. */
for (const dialect of dialects) {
  describe(`password change rate limit on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { rateLimits: true, rateLimitPasswordChangePerUser: 3 } });
    let realm: Realm;
    let counter = 0;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Guarded', slug: 'guarded' }, operator);
    });

    /** A new user of the realm (or another realm) and a signed-in session's bearer token. */
    async function signedIn(target: Realm = realm) {
      const username = `user-${++counter}`;
      const user = await server.services.users.create(target, { username, password: PASSWORD }, operator);
      const { access_token } = await server.login(target.slug, username, PASSWORD);
      return { user, username, token: access_token };
    }

    const changePassword = (token: string, current_password: string, new_password = NEW_PASSWORD, target: Realm = realm) =>
      send(server, 'POST', `/realms/${target.slug}/account/password`, { current_password, new_password }, bearer(token));

    it('refuses guesses beyond the limit with 429 and Retry-After, even the right password, until the window ends', async () => {
      const { username, token } = await signedIn();
      for (let guess = 1; guess <= 3; guess++) {
        const refused = await changePassword(token, `guess number ${guess}`);
        assert.equal(refused.statusCode, 422, refused.body);
        assert.equal(errorCode(refused), 'account.invalid_password');
      }
      server.clock.advance(20_000);
      const limited = await changePassword(token, PASSWORD);
      assert.equal(limited.statusCode, 429, limited.body);
      assert.equal(errorCode(limited), 'request.rate_limited');
      assert.equal(limited.headers['retry-after'], '40');
      // Refused before the password was looked at: it did not change.
      await server.login('guarded', username, PASSWORD);

      server.clock.advance(40_000);
      const changed = await changePassword(token, PASSWORD);
      assert.equal(changed.statusCode, 204, changed.body);
      await server.login('guarded', username, NEW_PASSWORD);
    });

    it('counts per user: every session of the user shares the limit, other users have their own', async () => {
      const { user, username, token } = await signedIn();
      const { access_token: second } = await server.login('guarded', username, PASSWORD);
      for (const session of [token, second, token]) assert.equal((await changePassword(session, 'wrong guess')).statusCode, 422);
      assert.equal((await changePassword(second, 'wrong guess')).statusCode, 429, 'a new session does not reset the count');

      const other = await signedIn();
      assert.equal((await changePassword(other.token, PASSWORD)).statusCode, 204, 'another user is not limited');

      const elsewhere = await server.services.realms.create({ name: 'Elsewhere', slug: 'elsewhere' }, operator);
      const stranger = await signedIn(elsewhere);
      assert.notEqual(stranger.user.id, user.id);
      assert.equal((await changePassword(stranger.token, PASSWORD, NEW_PASSWORD, elsewhere)).statusCode, 204, 'a user of another realm is not limited');
    });

    it('counts successful changes too', async () => {
      const { token } = await signedIn();
      let current = PASSWORD;
      for (const next of ['first new password', 'second new password', 'third new password']) {
        const response = await changePassword(token, current, next);
        assert.equal(response.statusCode, 204, response.body);
        current = next;
      }
      assert.equal((await changePassword(token, current)).statusCode, 429);
    });

    it('does not count requests refused before the change is attempted', async () => {
      const { token } = await signedIn();
      for (let attempt = 0; attempt < 5; attempt++) {
        assert.equal((await changePassword('not a token', PASSWORD)).statusCode, 401);
        const invalid = await send(server, 'POST', '/realms/guarded/account/password', { current_password: PASSWORD, new_password: NEW_PASSWORD, extra: true }, bearer(token));
        assert.equal(invalid.statusCode, 400, invalid.body);
      }
      assert.equal((await changePassword(token, PASSWORD)).statusCode, 204);
    });

    it('documents the 429 in the OpenAPI document', async () => {
      const document = (await send(server, 'GET', '/openapi.json')).json();
      const responses = document.paths['/realms/{realm}/account/password'].post.responses;
      assert.ok('429' in responses, Object.keys(responses).join(', '));
    });
  });

  describe(`password changes with rate limits off on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { rateLimits: false, rateLimitPasswordChangePerUser: 1 } });

    it('applies no rate limit', async () => {
      const realm = await server.services.realms.create({ name: 'Open', slug: 'open' }, operator);
      await server.services.users.create(realm, { username: 'ada', password: PASSWORD }, operator);
      const { access_token } = await server.login('open', 'ada', PASSWORD);
      for (let guess = 0; guess < 3; guess++) {
        const response = await send(server, 'POST', '/realms/open/account/password', { current_password: 'wrong guess', new_password: NEW_PASSWORD }, bearer(access_token));
        assert.equal(response.statusCode, 422, response.body);
      }
    });

    it("counts a wrong current password as a failed sign-in: the realm's brute-force guard delays and locks guessing here as at the sign-in page", async () => {
      // Found by review: five a minute per user, with no delay or lock, was 7,200 guesses a day with a stolen token.
      const realm = await server.services.realms.create({ name: 'Guessed', slug: 'guessed', tokens: { access_token_minutes: 60 }, brute_force: { enabled: true, delay_after: 2, lock_after: 4, lock_minutes: 15, permanent_after: 100 } }, operator);
      const user = await server.services.users.create(realm, { username: 'bo', password: PASSWORD }, operator);
      const { access_token } = await server.login('guessed', 'bo', PASSWORD);
      const change = (current_password: string) => send(server, 'POST', '/realms/guessed/account/password', { current_password, new_password: NEW_PASSWORD }, bearer(access_token));
      for (let guess = 0; guess < 2; guess++) assert.equal((await change('wrong guess')).statusCode, 422);
      const delayed = await change(PASSWORD);
      assert.equal(delayed.statusCode, 429, 'even the right password waits its delay');
      assert.equal(errorCode(delayed), 'auth.too_many_attempts');
      for (let guess = 0; guess < 2; guess++) {
        server.clock.advance(60_000);
        assert.equal((await change('wrong guess')).statusCode, 422);
      }
      assert.equal((await server.services.guard.status(realm.id, user.id)).failures, 4, 'counted with the sign-in failures');
      server.clock.advance(60_000);
      assert.equal((await change(PASSWORD)).statusCode, 429, 'locked after lock_after failures');
      const atLogin = await send(server, 'POST', '/realms/guessed/auth/login', { identifier: 'bo', password: PASSWORD });
      assert.equal(errorCode(atLogin), 'auth.too_many_attempts', 'the same count stops sign-in');
      server.clock.advance(15 * 60_000);
      assert.equal((await change(PASSWORD)).statusCode, 204, 'the right password once the lock is over');
      assert.equal((await server.services.guard.status(realm.id, user.id)).failures, 0, 'and it clears the count');
    });

    it('checks no more wrong current passwords sent at once than the guard allows, and counts each one checked', async () => {
      const realm = await server.services.realms.create({ name: 'Raced', slug: 'raced', brute_force: { enabled: true, delay_after: 3, lock_after: 1000, permanent_after: 10_000 } }, operator);
      const user = await server.services.users.create(realm, { username: 'cy', password: PASSWORD }, operator);
      const { access_token } = await server.login('raced', 'cy', PASSWORD);
      const guesses = Array.from({ length: 8 }, (_, i) => send(server, 'POST', '/realms/raced/account/password', { current_password: `wrong ${i}`, new_password: NEW_PASSWORD }, bearer(access_token)));
      const answers = (await Promise.all(guesses)).map((answer) => errorCode(answer));
      const checked = answers.filter((code) => code === 'account.invalid_password').length;
      assert.ok(checked <= 3, `${checked} guesses checked: ${answers.join()}`);
      assert.equal(answers.length - checked, answers.filter((code) => code === 'auth.too_many_attempts').length, answers.join());
      assert.equal((await server.services.guard.status(realm.id, user.id)).failures, checked, 'every guess checked is counted');
    });
  });
}
