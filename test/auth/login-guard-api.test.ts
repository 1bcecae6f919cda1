import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { BRUTE_FORCE_LOCK_REASON } from '../../src/auth/login-guard.ts';
import { systemActor } from '../../src/events/event-log.ts';
import type { BruteForcePolicy, Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverPerSuite } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

const SECOND = 1000;
const MINUTE = 60_000;

/** Brute-force protection over HTTP: 429 with Retry-After, no enumeration, permanent locks and operators' view and unlock. */
for (const dialect of dialects) {
  describe(`brute-force protection API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realmCounter = 0;

    before(() => server.services.operators.create({ email: 'reader@example.com', password: 'operator password', grants: [{ permission: 'read' }] }, systemActor));

    /** Operators sign in afresh: the tests move the clock past access tokens' lifetime. */
    const headersOf = async (email: string, password: string) => ({ authorization: `Bearer ${(await server.login('admin', email, password)).access_token}` });
    const admin = () => headersOf(ADMIN_EMAIL, ADMIN_PASSWORD);

    /** A realm with these brute-force settings and the user `ada` (PASSWORD) in it. */
    async function realmWithAda(bruteForce: Partial<BruteForcePolicy> = {}): Promise<{ realm: Realm; adaId: string }> {
      const realm = await server.services.realms.create({ name: `Guarded ${++realmCounter}`, brute_force: bruteForce }, operator);
      const ada = await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator);
      return { realm, adaId: ada.id };
    }

    const login = (realm: Realm, identifier: string, password: string) => send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier, password });
    const lockout = async (realm: Realm | string, userId: string, headers?: Record<string, string>, query = '') =>
      send(server, 'GET', `/admin/v1/realms/${typeof realm === 'string' ? realm : realm.slug}/users/${userId}/lockout${query}`, undefined, headers ?? (await admin()));
    const unlock = async (realm: Realm, userId: string) => send(server, 'POST', `/admin/v1/realms/${realm.slug}/users/${userId}/unlock`, undefined, await admin());
    /** What a client sees of a response, but for what differs on every request anyway. */
    const shape = (response: Awaited<ReturnType<typeof login>>) => {
      const { 'x-request-id': _id, date: _date, ...headers } = response.headers;
      return { status: response.statusCode, body: response.body, headers };
    };

    it('after 5 failures a 6th attempt too soon gets 429 with Retry-After, the same for an unknown identifier', async () => {
      const { realm } = await realmWithAda();
      for (let i = 0; i < 5; i++) {
        const [known, unknown] = [await login(realm, 'ada', `wrong ${i}`), await login(realm, 'nobody@example.com', `wrong ${i}`)];
        assert.equal(known.statusCode, 401);
        assert.deepEqual(shape(unknown), shape(known));
      }
      const [known, unknown] = [await login(realm, 'ADA', 'wrong again'), await login(realm, 'Nobody@Example.com', 'wrong again')];
      assert.equal(known.statusCode, 429);
      assert.equal(errorCode(known), 'auth.too_many_attempts');
      assert.equal(known.headers['retry-after'], '1');
      assert.deepEqual(shape(unknown), shape(known), 'status, body and headers are identical');
      assert.equal(shape(await login(realm, 'ada', PASSWORD)).status, 429, 'a right password waits too');
      server.clock.advance(SECOND);
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 200);
      assert.equal((await login(realm, 'ada', 'wrong')).statusCode, 401, 'the success started the count again');
      assert.equal((await login(realm, 'ada', 'wrong')).statusCode, 401);
    });

    it('checks no more wrong passwords sent at once than the guard allows, and counts each one checked', async () => {
      const { realm, adaId } = await realmWithAda({ delay_after: 5, lock_after: 1000, permanent_after: 10_000 });
      // Each guess is hashed before the guard counts it: all of them finish hashing before any has failed.
      const answers = (await Promise.all(Array.from({ length: 9 }, (_, i) => login(realm, 'ada', `wrong ${i}`)))).map((answer) => errorCode(answer));
      const checked = answers.filter((code) => code === 'auth.invalid_credentials').length;
      assert.ok(checked <= 5, `${checked} guesses checked: ${answers.join()}`);
      assert.equal(answers.length - checked, answers.filter((code) => code === 'auth.too_many_attempts').length, answers.join());
      const status = await lockout(realm, adaId);
      assert.equal(status.json().failures, checked, 'every guess checked is counted');
    });

    it('locks after 10 failures: a right password is refused with 429 until the lock ends', async () => {
      const { realm, adaId } = await realmWithAda();
      for (let i = 0; i < 10; i++) {
        const response = await login(realm, 'ada', 'wrong');
        assert.equal(response.statusCode, 401, `failure ${i + 1}`);
        // Wait out each delay so the next attempt is counted.
        if (i >= 4 && i < 9) server.clock.advance(2 ** (i - 4) * SECOND);
      }
      const refused = await login(realm, 'ada', PASSWORD);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['retry-after'], String(15 * 60));
      const status = (await lockout(realm, adaId)).json();
      assert.deepEqual(status, { failures: 10, locks: 1, locked_until: new Date(server.clock.now() + 15 * MINUTE).toISOString(), locked: false, locked_reason: null });
      server.clock.advance(15 * MINUTE - SECOND);
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 429);
      server.clock.advance(SECOND);
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 200);
      assert.deepEqual((await lockout(realm, adaId)).json(), { failures: 0, locks: 0, locked_until: null, locked: false, locked_reason: null });
    });

    it('locks for good at permanent_after: 401 even with the right password; operators see why and unlock', async () => {
      const { realm, adaId } = await realmWithAda({ delay_after: 3, lock_after: 3, permanent_after: 3 });
      const { refresh_token } = await server.login(realm.slug, 'ada', PASSWORD);
      for (let i = 0; i < 3; i++) assert.equal((await login(realm, 'ada', 'wrong')).statusCode, 401);
      // The third failure also took a temporary lock, as it would for an unknown identifier.
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 429);
      server.clock.advance(15 * MINUTE);
      const rightPassword = await login(realm, 'ada', PASSWORD);
      assert.equal(rightPassword.statusCode, 401);
      assert.equal(rightPassword.body, (await login(realm, 'nobody', PASSWORD)).body, 'the generic answer');
      const refresh = await send(server, 'POST', `/realms/${realm.slug}/auth/refresh`, { refresh_token });
      assert.equal(refresh.statusCode, 401, 'the lock ended the sessions');
      const status = await lockout(realm, adaId, await headersOf('reader@example.com', 'operator password'));
      assert.equal(status.statusCode, 200, 'realm.read is enough');
      // The refused right password counted too: a locked account counts like any other.
      assert.deepEqual(status.json(), { failures: 4, locks: 1, locked_until: null, locked: true, locked_reason: BRUTE_FORCE_LOCK_REASON });
      const user = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/users/${adaId}`, undefined, await admin());
      assert.equal(user.json().locked_reason, BRUTE_FORCE_LOCK_REASON);
      const unlocked = await unlock(realm, adaId);
      assert.equal(unlocked.statusCode, 200);
      assert.equal(unlocked.json().locked, false);
      assert.deepEqual((await lockout(realm, adaId)).json(), { failures: 0, locks: 0, locked_until: null, locked: false, locked_reason: null });
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 200);
      const events = await server.services.events.list(server.database.db, realm.id, { userId: adaId }, { limit: 100 });
      const types = events.items.map((event) => event.type);
      assert.ok(types.includes('user.locked') && types.includes('user.unlocked'));
      assert.deepEqual(events.items.find((event) => event.type === 'user.locked')?.details, { reason: 'brute_force', failures: 3, sessions_ended: 1 });
    });

    it('an operator unlock also ends a temporary lock of an account that is not locked itself', async () => {
      const { realm, adaId } = await realmWithAda({ delay_after: 2, lock_after: 2 });
      for (let i = 0; i < 2; i++) await login(realm, 'ada', 'wrong');
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 429);
      assert.equal((await unlock(realm, adaId)).statusCode, 200);
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 200);
    });

    it('with brute_force.enabled false nothing is counted or refused', async () => {
      const { realm, adaId } = await realmWithAda({ enabled: false, delay_after: 1, lock_after: 1, permanent_after: 2 });
      for (let i = 0; i < 12; i++) assert.equal((await login(realm, 'ada', 'wrong')).statusCode, 401);
      assert.equal((await login(realm, 'ada', PASSWORD)).statusCode, 200);
      assert.deepEqual((await lockout(realm, adaId)).json(), { failures: 0, locks: 0, locked_until: null, locked: false, locked_reason: null });
    });

    it('GET …/lockout refuses other realms\' and unknown users, unknown query fields, and callers without a token', async () => {
      const { realm, adaId } = await realmWithAda();
      const { realm: other } = await realmWithAda();
      const cases: [Awaited<ReturnType<typeof lockout>>, number, string][] = [
        [await lockout(other, adaId), 404, 'user.not_found'],
        [await lockout(realm, 'usr_doesNotExist0000000000'), 404, 'user.not_found'],
        [await lockout('no-such-realm', adaId), 404, 'realm.not_found'],
        [await lockout(realm, adaId, undefined, '?verbose=1'), 400, 'request.validation_failed'],
        [await lockout(realm, adaId, { authorization: 'Bearer not-a-token' }), 401, 'auth.invalid_token'],
      ];
      for (const [response, status, code] of cases) {
        assert.equal(response.statusCode, status, response.body);
        assert.equal(errorCode(response), code);
      }
      assert.equal((await send(server, 'GET', `/admin/v1/realms/${realm.slug}/users/${adaId}/lockout`)).statusCode, 401);
    });
  });
}
