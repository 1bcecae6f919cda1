import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { SignInFlow } from '../../src/flows/flow.ts';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { beforeNextSession } from '../auth/session-race-fixtures.ts';
import { authenticator, holder, ORIGIN, passkeyRealm, register, RP_ID } from '../passkeys/passkey-fixtures.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

const PASSWORD = 'correct horse battery staple';
const SHA1_6 = { algorithm: 'SHA1', digits: 6 } as const;

/**
 * The end of a flow against changes landing at the last moment (found by review): a password
 * change or a lock between a flow's last check of its user and the session it makes ended every
 * session but that one; and a passkey assertion whose flow lost its version race was spent anyway.
 */
for (const dialect of dialects) {
  describe(`completing a flow while its user or the flow changes on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;

    const authCall = (realm: Realm, path: string, body?: Record<string, unknown>) => send(server, body ? 'POST' : 'GET', `/realms/${realm.slug}/auth/${path}`, body);
    const login = async (realm: Realm, email: string) => {
      const answer = await authCall(realm, 'login', { identifier: email, password: PASSWORD });
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json();
    };
    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => authCall(realm, `flows/${flowId}/verify`, body);
    const liveSessions = async (realm: Realm, userId: string) => (await server.services.users.listSessions(realm, userId, { limit: 50 })).items;

    /** A user with TOTP (enrolled in a first sign-in), held at the second factor of a new sign-in. */
    async function heldAtTotp() {
      const realm = await server.services.realms.create({ name: `Completion race ${++counter}`, sign_in: { mfa: 'required' } }, operator);
      const email = `completion-${counter}@example.com`;
      const { id: userId } = await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      const first = await login(realm, email);
      const started = await authCall(realm, `flows/${first.flow_id}/enrol/totp`, { name: 'Phone' });
      assert.equal(started.statusCode, 201, started.body);
      const seed = base32Decode(started.json().factor.secret);
      const code = () => totp(seed, server.clock.now(), SHA1_6);
      assert.equal((await verify(realm, first.flow_id, { method: 'totp', code: code() })).statusCode, 200);
      server.clock.advance(30_000);
      const held = await login(realm, email);
      assert.equal(held.mfa_required, true);
      return { realm, userId, flowId: held.flow_id as string, code };
    }

    for (const [what, change] of [
      ['its password is changed', (realm: Realm, userId: string) => server.services.users.setPassword(realm, userId, 'a quite different passphrase 42', operator)],
      ['the account is locked', (realm: Realm, userId: string) => server.services.users.lock(realm, userId, null, operator)],
    ] as const) {
      it(`ends a flow, making no session, when ${what} after its last proof was checked`, async () => {
        const { realm, userId, flowId, code } = await heldAtTotp();
        const undo = beforeNextSession(server, realm, () => change(realm, userId));
        try {
          assert.equal(errorCode(await verify(realm, flowId, { method: 'totp', code: code() })), 'flow.expired');
        } finally {
          undo();
        }
        assert.deepEqual(await liveSessions(realm, userId), [], 'the change ended the first sign-in’s session, and none was made');
        assert.equal(errorCode(await authCall(realm, `flows/${flowId}`)), 'flow.expired');
      });
    }

    it('leaves a passkey assertion unspent when its flow loses its version race', async () => {
      const passkeys = await passkeyRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] });
      const realm = await server.services.realms.update(passkeys.id, { sign_in: { mfa: 'optional' } }, operator);
      const who = await holder(server, realm);
      const device = authenticator();
      await register(server, who, device);
      const step = await login(realm, who.email);
      assert.ok(step.methods.includes('passkey'));
      const { options } = (await authCall(realm, 'passkey/options', { flow_id: step.flow_id })).json();
      const assertion = device.get(options.challenge);
      const store = server.services.flowStore;
      const update = store.update;
      // Another request moves the flow on between the proof and its save.
      store.update = async (db: Kysely<Schema>, previous: SignInFlow, next: SignInFlow) => {
        await update(db, previous, { ...previous, updatedAt: previous.updatedAt + 1 });
        return update(db, previous, next);
      };
      try {
        assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'passkey', response: assertion })), 'flow.changed_concurrently');
      } finally {
        store.update = update;
      }
      const [stored] = await server.services.passkeys.list(realm, who.id);
      assert.deepEqual([stored.signCount, stored.lastUsedAt], [0, null], 'the counter did not move');
      const used = await server.services.events.list(server.database.db, realm.id, { type: 'passkey.used', userId: who.id }, { limit: 10 });
      assert.deepEqual(used.items, []);
      // The same assertion, sent again, is not taken for a cloned authenticator's.
      const again = await verify(realm, step.flow_id, { method: 'passkey', response: assertion });
      assert.equal(again.statusCode, 200, again.body);
    });
  });
}
