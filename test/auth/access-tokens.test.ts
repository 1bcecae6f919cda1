import assert from 'node:assert/strict';
import { createPublicKey, KeyObject } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from 'jose';
import type { Realm, SigningAlgorithm } from '../../src/realms/realm.ts';
import { sessionStore, type Session } from '../../src/sessions/session-store.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, PUBLIC_URL } from './fixtures.ts';
import { hasLowS, nonCanonicalSpellings, withOtherS } from './jws-spellings.ts';

const algorithms: SigningAlgorithm[] = ['ES256', 'EdDSA', 'RS256', 'HS256'];
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const dialect of dialects) {
  describe(`access tokens on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let other: Realm;
    let user: User;

    before(async () => {
      realm = await f.realm({ tokens: { claims: ['custom'] } });
      other = await f.realm();
      user = await f.user(realm, { email: 'Ada@Example.com', username: 'ada', first_name: 'Ada', last_name: 'Lovelace', custom: { plan: 'pro' } });
    });

    const issue = async (target: Realm, subject: User, session: Session | null) => (await f.accessTokens.signerFor(target)).sign(subject, session);

    /** Signs arbitrary claims with the realm's own active key (what only the server could do), in the server's low-S form. */
    async function signWithRealmKey(target: Realm, claims: JWTPayload, header: Record<string, unknown> = {}) {
      const key = await f.keys.activeKey(target.id);
      const token = await new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).sign(key.key as KeyObject);
      // jose leaves ES256 signatures high-S half the time; the server signs only low-S.
      return key.alg === 'ES256' && !hasLowS(token) ? withOtherS(token) : token;
    }

    for (const algorithm of algorithms) {
      it(`issues and verifies ${algorithm} tokens with the realm's key`, async () => {
        const r = await f.realm({ tokens: { algorithm } });
        const u = await f.user(r, { username: `user-${algorithm.toLowerCase()}` });
        const issued = await issue(r, u, null);
        const header = decodeProtectedHeader(issued.token);
        const active = await f.keys.activeKey(r.id);
        assert.deepEqual(header, { alg: algorithm, kid: active.kid, typ: 'at+jwt' });
        const claims = await f.accessTokens.verify(r, issued.token);
        assert.equal(claims.sub, u.id);
        assert.equal(claims.iss, `${PUBLIC_URL}/realms/${r.id}`);
        assert.equal(claims.aud, r.id);
        assert.equal(claims.realm, r.id);
        assert.equal(issued.expiresIn, 15 * 60);
        // The same token means nothing to any other realm.
        await rejectsWith(f.accessTokens.verify(other, issued.token), 'auth.invalid_token');
      });
    }

    it('carries profile claims, effective access, jti, sid and the custom claim when configured', async () => {
      const now = f.clock.now();
      const session = await sessionStore.create(f.db, { realmId: realm.id, userId: user.id, now, expiresAt: now + 86_400_000, ip: null, userAgent: null });
      const { token, claims } = await issue(realm, user, session);
      assert.deepEqual(decodeJwt(token), claims);
      assert.equal(claims.email, 'ada@example.com');
      assert.equal(claims.email_verified, false);
      assert.equal(claims.preferred_username, 'ada');
      assert.equal(claims.name, 'Ada Lovelace');
      assert.deepEqual(claims.access, { type: 'standard' });
      assert.deepEqual(claims.custom, { plan: 'pro' });
      assert.equal(claims.sid, session.id);
      assert.equal(claims.iat, now / 1000);
      assert.equal(claims.exp, now / 1000 + 15 * 60);
      assert.match(claims.jti, /^[A-Za-z0-9_-]{20,}$/);
      const second = await issue(realm, user, session);
      assert.notEqual(second.claims.jti, claims.jti);
      // Without the custom claim configured, custom attributes stay out of tokens.
      const plain = await issue(other, await f.user(other, { username: 'plain', custom: { secret: 1 } }), null);
      assert.equal(plain.claims.custom, undefined);
    });

    it('never lets a managed token outlive its session', async () => {
      const now = f.clock.now();
      const session = await sessionStore.create(f.db, { realmId: realm.id, userId: user.id, now, expiresAt: now + 5 * 60_000, ip: null, userAgent: null });
      const issued = await issue(realm, user, session);
      assert.equal(issued.claims.exp, (now + 5 * 60_000) / 1000);
      assert.equal(issued.expiresIn, 300);
    });

    it('omits exp only for unmanaged realms whose tokens never expire', async () => {
      const forever = await f.realm({ tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 0 } });
      const u = await f.user(forever, { username: 'forever' });
      const issued = await issue(forever, u, null);
      assert.equal(issued.claims.exp, undefined);
      assert.equal(issued.expiresIn, null);
      f.clock.advance(10 * 365 * 86_400_000);
      assert.equal((await f.accessTokens.verify(forever, issued.token)).sub, u.id);
      const hourly = await f.realm({ tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 90 } });
      assert.equal((await issue(hourly, await f.user(hourly, { username: 'hourly' }), null)).expiresIn, 90 * 60);
    });

    it('refuses expired tokens by the injected clock', async () => {
      const { token } = await issue(realm, user, null);
      f.clock.advance(15 * 60_000 - 1000);
      await f.accessTokens.verify(realm, token);
      f.clock.advance(1000);
      await rejectsWith(f.accessTokens.verify(realm, token), 'auth.invalid_token');
    });

    it('refuses garbage, truncated and tampered tokens with 401, never a fault', async () => {
      const { token } = await issue(realm, user, null);
      const [header, payload, signature] = token.split('.');
      const tampered = `${header}.${b64({ ...decodeJwt(token), sub: 'usr_someoneelse' })}.${signature}`;
      const garbage = ['', 'abc', 'a.b.c', '...', 'Bearer x', token.slice(0, -5), `${header}.${payload}`, `${header}.${payload}.`, tampered, `${b64({ alg: 'ES256' })}.${payload}.${signature}`, 'x'.repeat(20_000), `${token}.extra`, `${b64('not an object')}.${payload}.${signature}`];
      for (const candidate of garbage) await rejectsWith(f.accessTokens.verify(realm, candidate), 'auth.invalid_token');
    });

    it('refuses every non-canonical base64url spelling of a genuine token, before and after the token was verified', async () => {
      const { token } = await issue(realm, user, null);
      const spellings = nonCanonicalSpellings(token);
      for (const spelling of spellings) await rejectsWith(f.accessTokens.verify(realm, spelling), 'auth.invalid_token');
      assert.equal((await f.accessTokens.verify(realm, token)).sub, user.id);
      for (const spelling of spellings) await rejectsWith(f.accessTokens.verify(realm, spelling), 'auth.invalid_token');
    });

    it('signs ES256 tokens low-S only, and still accepts the high-S form the previous release signed half the time', async () => {
      assert.equal((await f.keys.activeKey(realm.id)).alg, 'ES256');
      const tokens = await Promise.all(Array.from({ length: 40 }, async () => (await issue(realm, user, null)).token));
      for (const token of tokens) assert.equal(hasLowS(token), true);
      // A rolling upgrade: instances of the previous release keep signing either form until replaced.
      for (const token of tokens.slice(0, 5)) assert.equal((await f.accessTokens.verify(realm, withOtherS(token))).sub, user.id);
    });

    it('refuses alg none, HMAC keyed with the public key, and unknown kids', async () => {
      const { token } = await issue(realm, user, null);
      const kid = decodeProtectedHeader(token).kid;
      const payload = token.split('.')[1];
      await rejectsWith(f.accessTokens.verify(realm, `${b64({ alg: 'none', kid, typ: 'at+jwt' })}.${payload}.`), 'auth.invalid_token');
      // Algorithm confusion: an HS256 signature whose secret is the realm's public key.
      const publicPem = createPublicKey((await f.keys.activeKey(realm.id)).key as KeyObject).export({ type: 'spki', format: 'pem' });
      const confused = await new SignJWT(decodeJwt(token)).setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' }).sign(Buffer.from(publicPem));
      await rejectsWith(f.accessTokens.verify(realm, confused), 'auth.invalid_token');
      // Signed by another realm's key while naming this realm's kid.
      const foreignKey = await f.keys.activeKey(other.id);
      const foreign = await new SignJWT(decodeJwt(token)).setProtectedHeader({ alg: foreignKey.alg, kid, typ: 'at+jwt' }).sign(foreignKey.key as KeyObject);
      await rejectsWith(f.accessTokens.verify(realm, foreign), 'auth.invalid_token');
      await rejectsWith(f.accessTokens.verify(realm, await signWithRealmKey(realm, decodeJwt(token), { kid: 'key_unknown' })), 'auth.invalid_token');
      await rejectsWith(f.accessTokens.verify(realm, await signWithRealmKey(realm, decodeJwt(token), { kid: undefined })), 'auth.invalid_token');
    });

    it('refuses tokens signed with the right key but of another type, issuer, audience or realm', async () => {
      const { claims } = await issue(realm, user, null);
      const cases: [JWTPayload, Record<string, unknown>][] = [
        [claims as JWTPayload, { typ: 'JWT' }],
        [claims as JWTPayload, { typ: undefined }],
        [{ ...claims, iss: `${PUBLIC_URL}/realms/${other.id}` }, {}],
        [{ ...claims, aud: other.id }, {}],
        [{ ...claims, realm: other.id }, {}],
        // `access` may be absent (a realm's `tokens.access_claim` off), but never anything but an object.
        [{ ...claims, access: 'master' }, {}],
        [{ ...claims, access: null }, {}],
        [{ ...claims, sid: 42 }, {}],
        [{ ...claims, jti: undefined }, {}],
        [{ ...claims, sub: undefined }, {}],
      ];
      for (const [payload, header] of cases) {
        await rejectsWith(f.accessTokens.verify(realm, await signWithRealmKey(realm, payload, header)), 'auth.invalid_token');
      }
      // The control case passes: the checks above are what refused them.
      assert.equal((await f.accessTokens.verify(realm, await signWithRealmKey(realm, claims as JWTPayload))).sub, user.id);
    });

    it('keeps verifying tokens of a retired key after rotation, and signs with the new one', async () => {
      const r = await f.realm();
      const u = await f.user(r, { username: 'rotating' });
      const before = await issue(r, u, null);
      await f.realms.rotateKeys(r.id, operator);
      const afterRotation = await issue(r, u, null);
      assert.notEqual(decodeProtectedHeader(afterRotation.token).kid, decodeProtectedHeader(before.token).kid);
      assert.equal((await f.accessTokens.verify(r, before.token)).sub, u.id);
      assert.equal((await f.accessTokens.verify(r, afterRotation.token)).sub, u.id);
    });

    it('cuts tokens older than the lifetime in force now', async () => {
      const { claims } = await issue(realm, user, null);
      f.clock.advance(6 * 60_000);
      f.accessTokens.assertWithinLifetime(claims, 15);
      await rejectsWith(Promise.resolve().then(() => f.accessTokens.assertWithinLifetime(claims, 5)), 'auth.invalid_token');
      f.accessTokens.assertWithinLifetime(claims, 0);
    });
  });
}
