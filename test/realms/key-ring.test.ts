import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { KyselyPlugin } from 'kysely';
import { ACTIVE_KEY_CACHE_MS, RETIRED_KEY_CACHE_MS, VERIFY_SKEW_MS, createKeyRing } from '../../src/realms/key-ring.ts';
import type { SigningAlgorithm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { settle, WatchedStatements } from '../support/watched-statements.ts';
import { realmFixture, type RealmFixture } from './fixtures.ts';

const DAY_MS = 24 * 60 * 60_000;

async function sign(f: RealmFixture, realmId: string): Promise<string> {
  const key = await f.keys.activeKey(realmId);
  return new SignJWT({ realm: realmId }).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject('usr_1').sign(key.key as KeyObject);
}

/** Verifies with the key the ring hands out for the token's kid, as the token validator will. */
async function verifies(f: RealmFixture, realmId: string, token: string): Promise<boolean> {
  const { kid, alg } = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid: string; alg: string };
  const key = await f.keys.verificationKey(realmId, kid);
  if (!key) return false;
  await jwtVerify(token, key.key as KeyObject, { algorithms: [alg] });
  return true;
}

for (const dialect of dialects) {
  describe(`key ring on ${dialect}`, () => {
    const f = perSuite(() => realmFixture(dialect));

    for (const algorithm of ['ES256', 'EdDSA', 'RS256', 'HS256'] as SigningAlgorithm[]) {
      it(`${algorithm}: signs with the active key and verifies with the published key`, async () => {
        const realm = await f.realms.create({ name: `Keys ${algorithm}`, tokens: { algorithm } }, operator);
        const token = await sign(f, realm.id);
        assert.equal(await verifies(f, realm.id, token), true);

        const jwks = await f.keys.jwks(realm.id);
        const active = await f.keys.activeKey(realm.id);
        if (algorithm === 'HS256') {
          assert.deepEqual(jwks, [], 'a shared secret is never published');
        } else {
          assert.equal(jwks.length, 1);
          const jwk = jwks[0];
          assert.equal(jwk.kid, active.kid);
          assert.equal(jwk.alg, algorithm);
          assert.equal(jwk.use, 'sig');
          assert.equal(jwk.d, undefined, 'no private part');
          const expectedKty = { ES256: 'EC', EdDSA: 'OKP', RS256: 'RSA' }[algorithm];
          assert.equal(jwk.kty, expectedKty);
          if (algorithm === 'ES256') assert.equal(jwk.crv, 'P-256');
          if (algorithm === 'EdDSA') assert.equal(jwk.crv, 'Ed25519');
          if (algorithm === 'RS256') assert.equal(Buffer.from(String(jwk.n), 'base64url').length * 8, 2048);
          // A third party verifying with only the JWKS succeeds.
          const published = createPublicKey({ key: jwk as never, format: 'jwk' });
          const { payload } = await jwtVerify(token, published, { algorithms: [algorithm] });
          assert.equal(payload.realm, realm.id);
        }

        const [row] = await f.t.database.db.selectFrom('signing_keys').selectAll().where('realm_id', '=', realm.id).execute();
        assert.equal(row.id, active.kid);
        assert.match(row.id, /^key_[0-9A-Za-z]{22}$/);
        assert.doesNotMatch(row.private_material, /PRIVATE KEY/);
        assert.match(row.private_material, /^v1\./, 'sealed by the secret box');
        if (algorithm === 'HS256') {
          const secret = active.key as { export(): Buffer };
          assert.equal(secret.export().length, 32);
          assert.ok(!row.private_material.includes(secret.export().toString('base64url')));
        }
      });
    }

    it('refuses a token signed with another realm key or an unknown kid', async () => {
      const a = await f.realms.create({ name: 'Isolated A' }, operator);
      const b = await f.realms.create({ name: 'Isolated B' }, operator);
      const kidOfA = (await f.keys.activeKey(a.id)).kid;
      assert.equal(await f.keys.verificationKey(b.id, kidOfA), undefined);
      for (const kid of ['key_unknown', 'key_\u0000', '', 'x'.repeat(5000), "' or 1=1 --"]) {
        assert.equal(await f.keys.verificationKey(a.id, kid), undefined, JSON.stringify(kid.slice(0, 20)));
      }
      assert.equal(await verifies(f, b.id, await sign(f, a.id)), false);
    });

    it('rotation keeps the old key verifying until verify_until, then drops it from JWKS', async () => {
      const realm = await f.realms.create({ name: 'Rotating' }, operator);
      const oldToken = await sign(f, realm.id);
      const oldKid = (await f.keys.activeKey(realm.id)).kid;
      f.clock.advance(1000);
      const rotatedAt = f.clock.now();
      const page = await f.realms.rotateKeys(realm.id, operator);

      const newKid = (await f.keys.activeKey(realm.id)).kid;
      assert.notEqual(newKid, oldKid);
      assert.deepEqual(page.items.map((k) => [k.kid, k.state]), [[newKid, 'active'], [oldKid, 'retired']]);
      const retired = page.items[1];
      assert.equal(retired.retired_at, rotatedAt);
      assert.equal(retired.verify_until, rotatedAt + DAY_MS + VERIFY_SKEW_MS, 'managed tokens live at most 1440 minutes');

      assert.equal(await verifies(f, realm.id, oldToken), true);
      assert.deepEqual((await f.keys.jwks(realm.id)).map((k) => k.kid), [newKid, oldKid]);
      f.clock.advance(DAY_MS + VERIFY_SKEW_MS);
      assert.equal(await verifies(f, realm.id, oldToken), true, 'still verifying at verify_until');
      f.clock.advance(1);
      assert.equal(await verifies(f, realm.id, oldToken), false, 'refused once past verify_until, though cached');
      f.clock.advance(ACTIVE_KEY_CACHE_MS);
      assert.deepEqual((await f.keys.jwks(realm.id)).map((k) => k.kid), [newKid]);
      assert.equal(await verifies(f, realm.id, await sign(f, realm.id)), true);

      // The next rotation deletes keys that can no longer verify anything.
      await f.realms.rotateKeys(realm.id, operator);
      const kids = (await f.keys.list(realm.id)).items.map((k) => k.kid);
      assert.equal(kids.length, 2);
      assert.ok(!kids.includes(oldKid));
      const events = await f.events.list(f.t.database.db, realm.id, { type: 'realm.keys_rotated' }, { limit: 10 });
      assert.equal(events.items.length, 2);
      assert.deepEqual(events.items[1].details, { kid: newKid, retired: [oldKid] });
      assert.deepEqual(events.items[1].actor, operator);
    });

    it('unmanaged realms keep retired keys for their token lifetime, or for ever when tokens never expire', async () => {
      const hourly = await f.realms.create({ name: 'Unmanaged hourly', tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 60 } }, operator);
      const now = f.clock.now();
      const retired = (await f.realms.rotateKeys(hourly.id, operator)).items.find((k) => k.state === 'retired');
      assert.equal(retired?.verify_until, now + 60 * 60_000 + VERIFY_SKEW_MS);

      const forever = await f.realms.create({ name: 'Unmanaged forever', tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 0 } }, operator);
      const token = await sign(f, forever.id);
      const kept = (await f.realms.rotateKeys(forever.id, operator)).items.find((k) => k.state === 'retired');
      assert.equal(kept?.verify_until, null);
      f.clock.advance(3650 * DAY_MS);
      assert.equal(await verifies(f, forever.id, token), true);
      assert.equal((await f.keys.jwks(forever.id)).length, 2);
    });

    it('changing the algorithm rotates to a key of the new algorithm', async () => {
      const realm = await f.realms.create({ name: 'Switching' }, operator);
      const oldKid = (await f.keys.activeKey(realm.id)).kid;
      f.clock.advance(1000);
      const updated = await f.realms.update(realm.id, { tokens: { algorithm: 'EdDSA' } }, operator);
      assert.equal(updated.tokens.algorithm, 'EdDSA');
      const active = await f.keys.activeKey(realm.id);
      assert.equal(active.alg, 'EdDSA');
      assert.notEqual(active.kid, oldKid);
      const keys = (await f.realms.listKeys(realm.id)).items;
      assert.deepEqual(keys.map((k) => [k.algorithm, k.state]), [['EdDSA', 'active'], ['ES256', 'retired']]);
      const types = (await f.events.list(f.t.database.db, realm.id, {}, { limit: 10 })).items.map((e) => e.type);
      assert.deepEqual(types.sort(), ['realm.created', 'realm.keys_rotated', 'realm.updated']);
    });

    it('another worker process notices a rotation once its active-key cache expires', async () => {
      const realm = await f.realms.create({ name: 'Shared' }, operator);
      const db = f.t.database.db;
      const otherWorker = createKeyRing({ db, clock: f.clock, secretBox: f.secretBox });
      const before = (await f.keys.activeKey(realm.id)).kid;
      const rotation = await db.transaction().execute((trx) => otherWorker.rotate(trx, realm));
      assert.equal((await f.keys.activeKey(realm.id)).kid, before, 'this process still uses its cached copy');
      f.clock.advance(ACTIVE_KEY_CACHE_MS);
      assert.equal((await f.keys.activeKey(realm.id)).kid, rotation.key.kid);
      assert.equal((await f.keys.verificationKey(realm.id, before))?.kid, before, 'the retired key still verifies');
    });

    it('reads a realm\'s active key once for the requests that need it, and again behind its cached copy before it expires', async () => {
      const realm = await f.realms.create({ name: 'Busy signer' }, operator);
      const db = f.t.database.db;
      const watched = new WatchedStatements();
      const ring = createKeyRing({ db: db.withPlugin(watched), clock: f.clock, secretBox: f.secretBox });
      const kids = new Set((await Promise.all(Array.from({ length: 20 }, () => ring.activeKey(realm.id)))).map((key) => key.kid));
      assert.equal(kids.size, 1);
      assert.equal(watched.sent, 1, 'one read for twenty requests');

      const otherWorker = createKeyRing({ db, clock: f.clock, secretBox: f.secretBox });
      const rotation = await db.transaction().execute((trx) => otherWorker.rotate(trx, realm));
      ring.invalidate('rl_other_realm');
      f.clock.advance(ACTIVE_KEY_CACHE_MS * 0.8);
      assert.deepEqual(new Set([(await ring.activeKey(realm.id)).kid]), kids, 'last quarter of its time: the cached copy, at once');
      await settle();
      assert.equal(watched.sent, 2, 'read again behind it');
      assert.equal((await ring.activeKey(realm.id)).kid, rotation.key.kid, 'the rotation, seen before the old copy ran out');
      assert.equal(watched.sent, 2);
    });

    it('reads a key that verifies once for the tokens that need it, and again behind its cached copy before it expires', async () => {
      const realm = await f.realms.create({ name: 'Busy verifier' }, operator);
      const db = f.t.database.db;
      const watched = new WatchedStatements();
      const ring = createKeyRing({ db: db.withPlugin(watched), clock: f.clock, secretBox: f.secretBox });
      const retired = (await f.realms.rotateKeys(realm.id, operator)).items.find((key) => key.state === 'retired')?.kid as string;
      const found = await Promise.all(Array.from({ length: 20 }, () => ring.verificationKey(realm.id, retired)));
      assert.ok(found.every((key) => key?.kid === retired));
      assert.equal(watched.sent, 1, 'one read for twenty verifications');

      const otherWorker = createKeyRing({ db, clock: f.clock, secretBox: f.secretBox });
      assert.equal(await db.transaction().execute((trx) => otherWorker.revoke(trx, realm.id, retired)), 'revoked');
      ring.invalidate('rl_other_realm');
      f.clock.advance(RETIRED_KEY_CACHE_MS * 0.8);
      assert.equal((await ring.verificationKey(realm.id, retired))?.kid, retired, 'last quarter of its time: the cached copy, at once');
      await settle();
      assert.equal(watched.sent, 2, 'read again behind it');
      assert.equal(await ring.verificationKey(realm.id, retired), undefined, 'the revocation, seen before the copy ran out, though no message came');
    });

    it('reads the published key set once for the requests that ask meanwhile, and again behind its copy before it expires', async () => {
      const realm = await f.realms.create({ name: 'Busy key set' }, operator);
      const db = f.t.database.db;
      const watched = new WatchedStatements();
      const ring = createKeyRing({ db: db.withPlugin(watched), clock: f.clock, secretBox: f.secretBox });
      const sets = await Promise.all(Array.from({ length: 20 }, () => ring.jwks(realm.id)));
      assert.ok(sets.every((keys) => keys.length === 1));
      assert.equal(watched.sent, 1, 'one read for twenty requests');

      const otherWorker = createKeyRing({ db, clock: f.clock, secretBox: f.secretBox });
      await db.transaction().execute((trx) => otherWorker.rotate(trx, realm));
      ring.invalidate('rl_other_realm');
      f.clock.advance(ACTIVE_KEY_CACHE_MS * 0.8);
      assert.equal((await ring.jwks(realm.id)).length, 1, 'last quarter of its time: the cached copy, at once');
      await settle();
      assert.equal(watched.sent, 2, 'read again behind it');
      assert.equal((await ring.jwks(realm.id)).length, 2, 'the rotation: both keys published, before the old copy ran out');
    });

    it('a key revoked by another process stops verifying here within the retired-key cache time, though no message came', async () => {
      const realm = await f.realms.create({ name: 'Revoked elsewhere' }, operator);
      const db = f.t.database.db;
      const retired = (await f.realms.rotateKeys(realm.id, operator)).items.find((key) => key.state === 'retired')?.kid as string;
      assert.equal((await f.keys.verificationKey(realm.id, retired))?.kid, retired, 'cached here');
      const otherWorker = createKeyRing({ db, clock: f.clock, secretBox: f.secretBox });
      assert.equal(await db.transaction().execute((trx) => otherWorker.revoke(trx, realm.id, retired)), 'revoked');
      f.clock.advance(RETIRED_KEY_CACHE_MS + 1);
      assert.equal(await f.keys.verificationKey(realm.id, retired), undefined);
    });

    it('does not keep a key it read while the key was being revoked (found by review)', async () => {
      const realm = await f.realms.create({ name: 'Revoked meanwhile' }, operator);
      const retired = (await f.realms.rotateKeys(realm.id, operator)).items.find((key) => key.state === 'retired')?.kid as string;
      // The read's answer arrives after the revocation committed and this process heard of it.
      let release!: () => void;
      let gated = true;
      const slow: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          if (gated) await new Promise<void>((resolve) => (release = resolve));
          return args.result;
        },
      };
      const db = f.t.database.db;
      const ring = createKeyRing({ db: db.withPlugin(slow), clock: f.clock, secretBox: f.secretBox });
      const reading = ring.verificationKey(realm.id, retired);
      await until(() => release !== undefined);
      gated = false;
      assert.equal(await db.transaction().execute((trx) => ring.revoke(trx, realm.id, retired)), 'revoked');
      ring.invalidate(realm.id);
      release();
      assert.equal((await reading)?.kid, retired, 'the read that began before still answers with what it read');
      assert.equal(await ring.verificationKey(realm.id, retired), undefined, 'but it was not kept');
    });
  });
}

/** Waits, turn by turn of the event loop, until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 10_000) throw new Error('never happened');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
