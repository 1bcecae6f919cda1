import assert from 'node:assert/strict';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { AuthService } from '../../src/auth/auth-service.ts';
import { createPasswordMethod } from '../../src/auth/methods/password.ts';
import { AppError } from '../../src/errors.ts';
import { hashToken } from '../../src/platform/opaque-tokens.ts';
import type { PasswordHasher } from '../../src/platform/passwords.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { Session } from '../../src/sessions/session-store.ts';
import { readJson } from '../../src/storage/codec.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, eventsOfType, origin, PASSWORD, readWhileSigning, sessionRow, watchSigning } from './fixtures.ts';

/** Counts the hasher's work so tests can see every path verifies exactly once. */
function countingHasher(inner: PasswordHasher) {
  const calls = { verify: 0, dummy: 0 };
  const hasher: PasswordHasher = {
    hash: (realmId, password) => inner.hash(realmId, password),
    verify: (realmId, password, phc) => (calls.verify++, inner.verify(realmId, password, phc)),
    verifyDummy: (realmId, password) => (calls.dummy++, inner.verifyDummy(realmId, password)),
    needsRehash: (storedHash) => inner.needsRehash(storedHash),
  };
  return { hasher, calls };
}

for (const dialect of dialects) {
  describe(`password sign-in on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let ada: User;
    before(async () => ({ realm, user: ada } = await f.realmWithUser({ email: 'ada@example.com', username: 'ada', mobile: '+44 20 7946 0000' })));

    it('the password method returns outcomes as values and verifies exactly once on every path', async () => {
      const { hasher, calls } = countingHasher(f.hasher);
      const method = createPasswordMethod({ users: f.users, hasher, warn: () => assert.fail('no warning expected') });
      const context = { clock: f.clock };
      const noPassword = await f.user(realm, { username: 'nopass', password: undefined });
      const locked = await f.user(realm, { username: 'locked-one' });
      await f.users.lock(realm, locked.id, 'testing', operator);
      const inactive = await f.user(realm, { username: 'inactive-one', state: 'inactive' });
      const cases = [
        [{ identifier: 'ada', password: PASSWORD }, { kind: 'authenticated' }],
        [{ identifier: 'ada', password: 'wrong password' }, { kind: 'denied', reason: 'wrong_password', userId: ada.id }],
        [{ identifier: 'nobody', password: PASSWORD }, { kind: 'denied', reason: 'unknown_user', userId: null }],
        [{ identifier: 'nopass', password: PASSWORD }, { kind: 'denied', reason: 'no_password', userId: noPassword.id }],
        [{ identifier: 'locked-one', password: PASSWORD }, { kind: 'denied', reason: 'locked', userId: locked.id }],
        [{ identifier: 'inactive-one', password: PASSWORD }, { kind: 'denied', reason: 'inactive', userId: inactive.id }],
      ] as const;
      for (const [input, expected] of cases) {
        const before = calls.verify + calls.dummy;
        const outcome = await method.authenticate(realm, input, context);
        assert.equal(calls.verify + calls.dummy - before, 1, `one verification for ${input.identifier}`);
        if (expected.kind === 'authenticated') {
          assert.equal(outcome.kind, 'authenticated');
          assert.ok(outcome.kind === 'authenticated' && outcome.user.id === ada.id && !('password_hash' in outcome.user));
          assert.deepEqual(outcome.kind === 'authenticated' && outcome.amr, ['pwd']);
        } else {
          assert.deepEqual(outcome, expected);
        }
      }
      assert.equal(calls.dummy, 2, 'unknown users and users without a password verify against the dummy hash');
    });

    it('signs in by email (any case), username or mobile and opens a managed session', async () => {
      for (const identifier of ['ADA@example.com', 'ada', '+442079460000']) {
        const result = await f.login(realm, { identifier, password: PASSWORD }, origin);
        assert.equal(result.token_type, 'Bearer');
        assert.equal(result.expires_in, 15 * 60);
        assert.equal((result.refresh_token ?? '').split('.')[0], `krt_${result.session_id}`);
        assert.match(result.refresh_token ?? '', /^krt_ses_[A-Za-z0-9]{22}\.0\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
        assert.equal(result.user.id, ada.id);
        assert.equal(result.user.last_login_at, f.clock.now());
        const session = await sessionRow(f, result.session_id ?? '');
        assert.equal(session.user_id, ada.id);
        assert.equal(session.ip, origin.ip);
        assert.equal(session.user_agent, origin.userAgent);
        assert.deepEqual([session.refresh_generation, session.refresh_hash], [0, hashToken(result.refresh_token ?? '')], 'only the first token\'s hash is stored');
        assert.equal(Number(session.expires_at), f.clock.now() + 7 * 86_400_000);
        assert.equal(decodeJwt(result.access_token).sid, result.session_id);
      }
      assert.equal((await f.users.findById(realm.id, ada.id))?.last_login_at, f.clock.now());
    });

    it("a verified address signs in its owner, though another user's username spells it; an unverified one gives way to the username", async () => {
      const owner = await f.users.create(realm, { email: 'mira@example.com', email_verified: true, password: PASSWORD }, operator);
      await f.users.create(realm, { username: 'mira@example.com', password: 'the other user passphrase' }, operator);
      assert.equal((await f.login(realm, { identifier: 'Mira@example.com', password: PASSWORD }, origin)).user.id, owner.id);
      await rejectsWith(f.login(realm, { identifier: 'mira@example.com', password: 'the other user passphrase' }, origin), 'auth.invalid_credentials');
      await f.users.create(realm, { email: 'noor@example.com', password: PASSWORD }, operator);
      const named = await f.users.create(realm, { username: 'noor@example.com', password: 'the other user passphrase' }, operator);
      assert.equal((await f.login(realm, { identifier: 'noor@example.com', password: 'the other user passphrase' }, origin)).user.id, named.id);
      await rejectsWith(f.login(realm, { identifier: 'noor@example.com', password: PASSWORD }, origin), 'auth.invalid_credentials');
      assert.equal((await f.login(realm, { identifier: 'NOOR@example.com', password: 'the other user passphrase' }, origin)).user.id, named.id);
    });

    it('records 1350 on success with no secret in the event', async () => {
      f.clock.advance(1000);
      const result = await f.login(realm, { identifier: 'ada', password: PASSWORD }, origin);
      const events = await eventsOfType(f, realm.id, 'user.login.succeeded');
      const event = events.at(-1);
      assert.equal(event?.code, 1350);
      assert.equal(event?.user_id, ada.id);
      assert.equal(event?.ip, origin.ip);
      assert.deepEqual(readJson(event?.details), { method: 'password', amr: ['pwd'], acr: 'aal1', session_id: result.session_id });
      const stored = JSON.stringify(event);
      for (const secret of [PASSWORD, result.access_token, result.refresh_token ?? 'none']) assert.ok(!stored.includes(secret));
      assert.deepEqual(f.signIns.at(-1), ['password', 'success']);
    });

    it('answers wrong password, unknown, locked, inactive and password-less users identically', async () => {
      const locked = await f.user(realm, { username: 'locked-two' });
      await f.users.lock(realm, locked.id, null, operator);
      await f.user(realm, { username: 'inactive-two', state: 'inactive' });
      await f.user(realm, { username: 'nopass-two', password: undefined });
      const attempts = [
        { identifier: 'ada', password: 'not the password' },
        { identifier: 'nobody@example.com', password: PASSWORD },
        { identifier: 'locked-two', password: PASSWORD },
        { identifier: 'inactive-two', password: PASSWORD },
        { identifier: 'nopass-two', password: PASSWORD },
      ];
      const answers = [];
      for (const attempt of attempts) {
        const error = await rejectsWith(f.login(realm, attempt, origin), 'auth.invalid_credentials');
        answers.push({ code: error.code, message: error.message, details: error.details, kind: error.kind, retry: error.retryAfterSeconds });
      }
      for (const answer of answers) assert.deepEqual(answer, answers[0]);
      assert.equal(answers[0].kind, 'unauthenticated');
    });

    it('records 1200 with the reason and a hashed identifier, never the identifier or password', async () => {
      const identifier = 'Nobody-Here@Example.com';
      const password = 'a password that must not leak';
      // Apart in time, so the log's order is the order of the attempts.
      f.clock.advance(1000);
      await rejectsWith(f.login(realm, { identifier, password }, origin), 'auth.invalid_credentials');
      f.clock.advance(1000);
      await rejectsWith(f.login(realm, { identifier: 'ada', password }, origin), 'auth.invalid_credentials');
      const failures = await eventsOfType(f, realm.id, 'user.login.failed');
      const [unknown, wrong] = failures.slice(-2);
      // Keyed with the master key: a bare SHA-256 of the identifier (guessable offline) is not what is kept.
      const expectedHash = createHmac('sha256', Buffer.from(hkdfSync('sha256', f.masterKey, '', 'keyrealm identifier hash', 32)))
        .update(`${realm.id}:${identifier.toLowerCase()}`)
        .digest('hex');
      assert.notEqual(expectedHash, createHash('sha256').update(`${realm.id}:${identifier.toLowerCase()}`).digest('hex'));
      assert.equal(unknown.code, 1200);
      assert.equal(unknown.user_id, null);
      assert.deepEqual(readJson(unknown.details), { method: 'password', reason: 'unknown_user', identifier_hash: expectedHash });
      assert.equal(wrong.user_id, ada.id);
      assert.equal(readJson<{ reason: string }>(wrong.details).reason, 'wrong_password');
      for (const event of [unknown, wrong]) {
        const stored = JSON.stringify(event).toLowerCase();
        assert.ok(!stored.includes(password) && !stored.includes('nobody-here'), 'neither password nor identifier in clear');
      }
      assert.deepEqual(f.signIns.at(-1), ['password', 'failure']);
    });

    it('issues unmanaged tokens without session or refresh token', async () => {
      const unmanaged = await f.realm({ tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 120 } });
      const grace = await f.user(unmanaged, { username: 'grace' });
      const result = await f.login(unmanaged, { identifier: 'grace', password: PASSWORD }, origin);
      assert.equal(result.session_id, null);
      assert.equal(result.refresh_token, undefined);
      assert.equal(result.expires_in, 120 * 60);
      assert.equal(decodeJwt(result.access_token).sid, undefined);
      const sessions = await f.db.selectFrom('sessions').select('id').where('realm_id', '=', unmanaged.id).execute();
      assert.equal(sessions.length, 0);
      assert.equal((await f.auth.validate(unmanaged, result.access_token)).userId, grace.id);
      const forever = await f.realm({ tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 0 } });
      await f.user(forever, { username: 'grace' });
      assert.equal((await f.login(forever, { identifier: 'grace', password: PASSWORD }, origin)).expires_in, null);
    });

    it('a user of one realm cannot sign in to another', async () => {
      const other = await f.realm();
      await rejectsWith(f.login(other, { identifier: 'ada', password: PASSWORD }, origin), 'auth.invalid_credentials');
    });
  });

  describe(`sign-in when issuing tokens fails on ${dialect}`, () => {
    const f = perSuite(() =>
      authFixture(dialect, {
        wrapAccessTokens: (tokens) => ({
          ...tokens,
          signerFor: async () => ({ sign: async () => Promise.reject(new Error('signing failed')) }),
        }),
      }),
    );

    it('records 1351, leaves no session behind and rethrows', async () => {
      const realm = await f.realm();
      const user = await f.user(realm, { username: 'lin' });
      await assert.rejects(f.login(realm, { identifier: 'lin', password: PASSWORD }, origin), (error) => !(error instanceof AppError));
      const [event] = await eventsOfType(f, realm.id, 'user.login.token_failed');
      assert.equal(event.code, 1351);
      assert.equal(event.user_id, user.id);
      const sessions = await f.db.selectFrom('sessions').select('id').where('realm_id', '=', realm.id).execute();
      assert.equal(sessions.length, 0, 'no session was created, so no refresh token either: its hash lives in the session');
      assert.equal((await eventsOfType(f, realm.id, 'user.login.succeeded')).length, 0);
      assert.deepEqual(f.signIns.at(-1), ['password', 'failure']);
    });
  });

  describe(`sign-in signs before its transaction on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let signIn: AuthService;
    /** What each signature was given, and what the database held for that session meanwhile. */
    const signed: { session: Session | null; storedWhileSigning: number; eventsWhileSigning: number }[] = [];

    before(async () => {
      realm = await f.realm({ tokens: { refresh_token_days: 3 } });
      await f.user(realm, { username: 'ada' });
      signIn = f.authService({
        wrapAccessTokens: watchSigning(async (target, user, session) => {
          const [stored, events] = await readWhileSigning(
            Promise.all([
              f.db.selectFrom('sessions').select('id').where('id', '=', session?.id ?? '').execute(),
              f.db.selectFrom('events').select('id').where('realm_id', '=', target.id).where('user_id', '=', user.id).where('type', '=', 'user.login.succeeded').execute(),
            ]),
          );
          signed.push({ session, storedWhileSigning: stored.length, eventsWhileSigning: events.length });
        }),
      });
    });

    it('signs for the session it is about to create, with no transaction open, then stores that session', async () => {
      signed.length = 0;
      f.clock.advance(1000);
      const result = await f.login(realm, { identifier: 'ada', password: PASSWORD }, origin, signIn);
      assert.equal(signed.length, 1);
      const [{ session, storedWhileSigning, eventsWhileSigning }] = signed;
      assert.ok(session, 'a managed realm signs for a session');
      assert.match(session.id, /^ses_/);
      assert.deepEqual([storedWhileSigning, eventsWhileSigning], [0, 0], 'nothing was written before signing');
      assert.equal(result.session_id, session.id);
      assert.equal(decodeJwt(result.access_token).sid, session.id);
      const stored = await sessionRow(f, session.id);
      assert.deepEqual(
        { ...stored, created_at: Number(stored.created_at), last_used_at: Number(stored.last_used_at), expires_at: Number(stored.expires_at), auth_time: Number(stored.auth_time) },
        session,
        'the stored session is the one signed for',
      );
      assert.equal(session.expires_at, f.clock.now() + 3 * 86_400_000);
      assert.equal((await signIn.validate(realm, result.access_token)).sessionId, session.id);
      assert.ok(await signIn.refresh(realm, result.refresh_token ?? '', origin), 'its refresh token belongs to that session');
      const [event] = (await eventsOfType(f, realm.id, 'user.login.succeeded')).slice(-1);
      assert.deepEqual(readJson(event.details), { method: 'password', amr: ['pwd'], acr: 'aal1', session_id: session.id });
    });

    it('gives every sign-in its own session', async () => {
      signed.length = 0;
      const results = await Promise.all([1, 2, 3].map(() => f.login(realm, { identifier: 'ada', password: PASSWORD }, origin, signIn)));
      const ids = results.map((result) => result.session_id);
      assert.equal(new Set(ids).size, 3);
      assert.deepEqual(signed.map((s) => s.session?.id).sort(), [...ids].sort());
    });

    it('signs without a session in unmanaged realms', async () => {
      const unmanaged = await f.realm({ tokens: { session_type: 'unmanaged' } });
      await f.user(unmanaged, { username: 'grace' });
      signed.length = 0;
      const result = await f.login(unmanaged, { identifier: 'grace', password: PASSWORD }, origin, signIn);
      assert.deepEqual(signed.map((s) => s.session), [null]);
      assert.equal(result.session_id, null);
    });
  });
}
