import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignInFlow } from '../../src/flows/flow.ts';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { Schema } from '../../src/storage/schema.ts';
import type { Kysely } from 'kysely';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

const PASSWORD = 'correct horse battery staple';
const SHA1_6 = { algorithm: 'SHA1', digits: 6 } as const;
const origin = { ip: null, userAgent: null };

/**
 * A flow is only as good as the credentials it began with (found by review): one held open at
 * enrolment must not enrol a factor once the user has one, nor any flow go on once the user's
 * password changed; and the flow's use of a factor is undone when it loses its version race.
 */
for (const dialect of dialects) {
  describe(`flows and the credentials they began with on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;

    const requiringRealm = (): Promise<Realm> => server.services.realms.create({ name: `Held ${++counter}`, sign_in: { mfa: 'required' } }, operator);
    const userIn = async (realm: Realm) => {
      const email = `held-${++counter}@example.com`;
      const user = await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      return { email, userId: user.id };
    };
    const login = async (realm: Realm, email: string) => {
      const answer = await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD });
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json();
    };
    const enrol = (realm: Realm, flowId: string) => send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/enrol/totp`, { name: 'Phone' });
    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, body);
    /** Enrols TOTP in the flow; `code()` is the code it shows at the server's time. */
    const enrolled = async (realm: Realm, flowId: string) => {
      const started = await enrol(realm, flowId);
      assert.equal(started.statusCode, 201, started.body);
      const seed = base32Decode(started.json().factor.secret);
      return { code: () => totp(seed, server.clock.now(), SHA1_6) };
    };
    const activeFactors = async (realm: Realm, userId: string) => (await server.services.mfa.list(realm, userId)).items.filter((factor) => factor.state === 'active').length;

    it('refuses enrolment in a held flow once the user has enrolled a factor in a flow of their own', async () => {
      const realm = await requiringRealm();
      const { email, userId } = await userIn(realm);
      const held = await login(realm, email);
      const heldLater = await login(realm, email);
      const attacker = await enrolled(realm, held.flow_id);
      const own = await login(realm, email);
      const mine = await enrolled(realm, own.flow_id);
      assert.equal((await verify(realm, own.flow_id, { method: 'totp', code: mine.code() })).statusCode, 200);

      // Just before the confirmation, and when enrolment starts.
      assert.equal(errorCode(await verify(realm, held.flow_id, { method: 'totp', code: attacker.code() })), 'flow.expired');
      assert.equal(errorCode(await enrol(realm, heldLater.flow_id)), 'flow.expired');
      assert.equal(await activeFactors(realm, userId), 1, 'no second factor was added');
      // The flows ended for good.
      assert.equal(errorCode(await send(server, 'GET', `/realms/${realm.slug}/auth/flows/${held.flow_id}`)), 'flow.expired');
    });

    it('ends every later step of a flow once an operator changed the password', async () => {
      const realm = await requiringRealm();
      const { email, userId } = await userIn(realm);
      const atEnrolment = await login(realm, email);
      const enrolling = await login(realm, email);
      const factor = await enrolled(realm, enrolling.flow_id);
      await server.services.users.setPassword(realm, userId, 'a quite different passphrase 42', operator, origin);

      assert.equal(errorCode(await enrol(realm, atEnrolment.flow_id)), 'flow.expired');
      assert.equal(errorCode(await verify(realm, enrolling.flow_id, { method: 'totp', code: factor.code() })), 'flow.expired');
      assert.equal(await activeFactors(realm, userId), 0);
    });

    it('ends a flow waiting for a second factor once the password changed', async () => {
      const realm = await requiringRealm();
      const { email, userId } = await userIn(realm);
      const first = await login(realm, email);
      const factor = await enrolled(realm, first.flow_id);
      assert.equal((await verify(realm, first.flow_id, { method: 'totp', code: factor.code() })).statusCode, 200);
      server.clock.advance(30_000);
      const held = await login(realm, email);
      assert.equal(held.mfa_required, true);
      await server.services.users.setPassword(realm, userId, 'a quite different passphrase 42', operator, origin);
      assert.equal(errorCode(await verify(realm, held.flow_id, { method: 'totp', code: factor.code() })), 'flow.expired');
    });

    it('keeps one pending factor per flow however often it enrols again', async () => {
      const realm = await requiringRealm();
      const { email, userId } = await userIn(realm);
      const step = await login(realm, email);
      for (let i = 0; i < 12; i++) assert.equal((await enrol(realm, step.flow_id)).statusCode, 201, `enrolment ${i + 1}`);
      assert.equal((await server.services.mfa.list(realm, userId)).items.length, 1);
      // The user's own enrolment is not blocked by the flow's earlier ones.
      const own = await login(realm, email);
      const factor = await enrolled(realm, own.flow_id);
      assert.equal((await verify(realm, own.flow_id, { method: 'totp', code: factor.code() })).statusCode, 200);
    });

    it('does not spend a right code that loses the flow’s version race', async () => {
      const realm = await requiringRealm();
      const { email } = await userIn(realm);
      const first = await login(realm, email);
      const factor = await enrolled(realm, first.flow_id);
      const recoveryCodes: string[] = (await verify(realm, first.flow_id, { method: 'totp', code: factor.code() })).json().recovery_codes;
      server.clock.advance(30_000);
      const store = server.services.flowStore;
      const update = store.update;
      // Another request moves the flow on between the proof and its save.
      store.update = async (db: Kysely<Schema>, previous: SignInFlow, next: SignInFlow) => {
        await update(db, previous, { ...previous, updatedAt: previous.updatedAt + 1 });
        return update(db, previous, next);
      };
      const held = await login(realm, email);
      try {
        assert.equal(errorCode(await verify(realm, held.flow_id, { method: 'totp', code: factor.code() })), 'flow.changed_concurrently');
        assert.equal(errorCode(await verify(realm, held.flow_id, { method: 'recovery_code', code: recoveryCodes[0] })), 'flow.changed_concurrently');
      } finally {
        store.update = update;
      }
      assert.equal((await verify(realm, held.flow_id, { method: 'totp', code: factor.code() })).statusCode, 200, 'the TOTP step was not spent');
      const again = await login(realm, email);
      assert.equal((await verify(realm, again.flow_id, { method: 'recovery_code', code: recoveryCodes[0] })).statusCode, 200, 'the recovery code was not spent');
      const mails = await server.database.db.selectFrom('messages').select('type').where('realm_id', '=', realm.id).where('type', '=', 'recovery_code_used').execute();
      assert.equal(mails.length, 1, 'one mail, for the use that counted');
    });
  });
}
