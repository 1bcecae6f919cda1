import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { flowServerPerSuite, freshEmail, mailsTo, mailTo, PASSWORD } from '../accounts/flow-fixtures.ts';
import { authenticator, ORIGIN, RP_ID } from '../passkeys/passkey-fixtures.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { codeIn } from '../support/smtp-sink.ts';

/**
 * Sign-ins that start without a password name their tenant at the start too (a code by email, a
 * discoverable passkey): the flow keeps it and the sign-in enters it when it completes, refusing a
 * tenant the user is not a member of exactly as the password login does.
 */
for (const dialect of dialects) {
  describe(`tenants for passwordless sign-ins on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    let counter = 0;

    /** A realm with codes by email and passkeys, tenants `team` (the user's) and `closed` (not theirs). */
    async function setup() {
      const { server } = ctx;
      const realm: Realm = await server.services.realms.create(
        { name: `Passwordless tenants ${++counter}`, sign_in: { first_factors: ['password', 'email_otp', 'passkey'], mfa: 'off' }, tokens: { claims: ['tenants'] }, passkeys: { rp_id: RP_ID, allowed_origins: [ORIGIN] } } as never,
        operator,
      );
      const email = freshEmail();
      const user = await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      const team = await server.services.tenants.create(realm, { slug: 'team', name: 'Team' }, operator, noOrigin);
      await server.services.tenants.create(realm, { slug: 'closed', name: 'Closed' }, operator, noOrigin);
      await server.services.tenants.addMember(realm, 'team', user.id, [], operator, noOrigin);
      return { realm, email, user, team };
    }

    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, body);

    it('a code by email signs in to the tenant named at its start; a tenant not theirs is refused at the end', async () => {
      const { realm, email, team } = await setup();
      const start = (tenant: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier: email, tenant });
      const first = await start('team');
      assert.equal(first.statusCode, 200, first.body);
      const done = await verify(realm, first.json().flow_id, { method: 'email_otp', code: codeIn(await mailTo(ctx, email, /code/i)) });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(decodeJwt(done.json().access_token).tenant, team.id);

      ctx.server.clock.advance(61_000);
      const refused = await start('closed');
      assert.equal(refused.statusCode, 200, 'the start answers alike whatever the tenant: nothing is told before the proof');
      await mailsTo(ctx, email);
      await ctx.sink.waitForMail(() => ctx.sink.mails.filter((mail) => mail.to.includes(email)).length === 2);
      const answer = await verify(realm, refused.json().flow_id, { method: 'email_otp', code: codeIn(ctx.sink.mails.filter((mail) => mail.to.includes(email)).at(-1)!) });
      assert.equal(errorCode(answer), 'auth.tenant_not_allowed', answer.body);
      assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier: email, tenant: 'has space' })).statusCode, 400);
    });

    it('a discoverable passkey signs in to the tenant named when its options were asked for', async () => {
      const { realm, email, team } = await setup();
      const device = authenticator();
      const login = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD });
      const token = login.json().access_token as string;
      const options = await send(ctx.server, 'POST', `/realms/${realm.slug}/account/passkeys/registration/options`, {}, { authorization: `Bearer ${token}` });
      const registered = await send(ctx.server, 'POST', `/realms/${realm.slug}/account/passkeys/registration/verify`, { response: device.create(options.json()) }, { authorization: `Bearer ${token}` });
      assert.equal(registered.statusCode, 201, registered.body);

      const started = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, { tenant: 'team' });
      assert.equal(started.statusCode, 200, started.body);
      const done = await verify(realm, started.json().flow_id, { method: 'passkey', response: device.get(started.json().options.challenge) });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(decodeJwt(done.json().access_token).tenant, team.id);
    });
  });
}
