import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignInFlow } from '../../src/flows/flow.ts';
import { createSessionRaiser } from '../../src/flows/step-up.ts';
import { sessionStore } from '../../src/sessions/session-store.ts';
import { dialects } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture } from './fixtures.ts';

/**
 * Found by review: two step-ups finishing together each read the session, then wrote their result
 * over the other's, so a password step-up could bring a session a TOTP step-up had just raised to
 * aal2 back to aal1 (and drop the factor). They now read and raise under the row's lock.
 */
for (const dialect of dialects) {
  describe(`concurrent step-ups of one session on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));

    it('never lower its assurance, whichever writes last', async () => {
      const realm = await f.realm();
      const user = await f.user(realm, { username: 'ada' });
      const raise = createSessionRaiser({ db: f.db, clock: f.clock, events: f.events, accessTokens: f.accessTokens });
      for (let round = 0; round < 5; round++) {
        const now = f.clock.now();
        const session = await sessionStore.create(f.db, {
          realmId: realm.id,
          userId: user.id,
          now,
          expiresAt: now + 86_400_000,
          ip: null,
          userAgent: null,
          assurance: { authTime: now, amr: ['pwd'], acr: 'aal1', methods: ['password'] },
        });
        const flow = (method: string, amr: string[]) => ({ sessionId: session.id, completed: [{ method, amr, at: now }] }) as unknown as SignInFlow;
        // The lower one second, so without the lock it is the one that lands last.
        await Promise.all([raise(realm, flow('totp', ['otp']), user, { amr: ['otp'], acr: 'aal1' }), raise(realm, flow('password', ['pwd']), user, { amr: ['pwd'], acr: 'aal1' })]);
        const after = await sessionStore.find(f.db, realm.id, session.id);
        assert.equal(after?.acr, 'aal2', `round ${round}`);
        assert.deepEqual((JSON.parse(String(after?.amr)) as string[]).sort(), ['otp', 'pwd']);
      }
    });
  });
}
