import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { flowRef } from '../../src/flows/flow.ts';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { flowServerPerSuite, freshEmail, mailsTo, mailTo } from '../accounts/flow-fixtures.ts';
import { headingOf, linkHelpers } from './magic-link-fixtures.ts';

const origin = { ip: null, userAgent: null };

/** Sign-in by an emailed link: the starting device polls, the link's page approves. */
for (const dialect of dialects) {
  describe(`magic-link sign-in on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    const links = linkHelpers(ctx);

    it('signs in once the link is approved: opening it uses nothing up, the poll gets tokens once', async () => {
      const realm = await links.realmWith();
      const { email } = await links.userIn(realm);
      const started = await links.start(realm, 'magic_link', email);
      assert.equal(started.statusCode, 200, started.body);
      const flowId = started.json().flow_id as string;
      assert.deepEqual([started.json().state, started.json().methods], ['first_factor', ['magic_link']]);

      const mail = await mailTo(ctx, email, /^Sign in to/);
      const token = await links.linkToken(email, 'magic_link');
      assert.ok(!token.includes(flowId) && !mail.text.includes(flowId) && !mail.html.includes(flowId), 'the link never carries the flow id');
      assert.ok(Buffer.from(token, 'base64url').length === 32, '256 random bits');

      const pending = await links.poll(realm, flowId);
      assert.equal(pending.statusCode, 200, pending.body);
      assert.deepEqual([pending.json().state, pending.json().access_token], ['first_factor', undefined]);
      const shortcut = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, { method: 'magic_link' });
      assert.equal(errorCode(shortcut), 'flow.method_not_allowed', 'a link is approved on its page, never through verify');

      for (let i = 0; i < 2; i++) {
        const opened = await links.openPage(realm, token);
        assert.equal(opened.statusCode, 200, opened.body);
        assert.equal(headingOf(opened.body), 'Approve sign-in');
      }
      assert.equal((await links.poll(realm, flowId)).json().access_token, undefined, 'opening the page approves nothing');

      const approved = await links.submitPage(realm, token);
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(headingOf(approved.body), 'Sign-in approved');

      const done = await links.poll(realm, flowId);
      assert.equal(done.statusCode, 200, done.body);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['email'], 'aal1']);
      assert.ok(done.json().refresh_token);

      const again = await links.poll(realm, flowId);
      assert.equal([again.statusCode, errorCode(again)].join(' '), '400 flow.expired', 'a second poll gets no tokens');

      const replay = await links.submitPage(realm, token);
      assert.equal(replay.statusCode, 400);
      assert.equal(headingOf(replay.body), 'This link does not work');
      assert.equal((await links.openPage(realm, token)).statusCode, 400);

      const sent = await links.eventsOf(realm, 'user.magic_link_sent');
      const approvedEvents = await links.eventsOf(realm, 'user.magic_link_approved');
      const signedIn = await links.eventsOf(realm, 'user.login.succeeded');
      assert.deepEqual([sent.length, approvedEvents.length, signedIn.length], [1, 1, 1]);
      assert.deepEqual(sent[0].details, { method: 'magic_link', flow_ref: flowRef(flowId) });
      assert.ok(!JSON.stringify([sent, approvedEvents, signedIn]).includes(flowId), 'events never hold the flow id');
      assert.deepEqual([signedIn[0].code, signedIn[0].details.method], [1354, 'magic_link']);
    });

    it('shows where the sign-in started, escaped, on a page that is uncached and unframeable', async () => {
      const realm = await links.realmWith();
      const { email } = await links.userIn(realm);
      const agent = 'Hostile <script>alert(1)</script> Browser';
      const started = await ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/magic-link`, headers: { 'user-agent': agent }, payload: { identifier: email } });
      assert.equal(started.statusCode, 200, started.body);
      const page = await links.openPage(realm, await links.linkToken(email, 'magic_link'));
      assert.ok(page.body.includes('Hostile &#60;script&#62;alert(1)&#60;/script&#62; Browser'), page.body);
      assert.ok(!page.body.includes('<script'));
      assert.match(page.body, /1 January 2026 at \d\d:\d\d UTC/);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(page.headers['x-frame-options'], 'DENY');
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
    });

    it('refuses an expired link, and the flow it belonged to', async () => {
      const realm = await links.realmWith();
      const { flowId, token } = await links.started(realm, 'magic_link');
      ctx.server.clock.advance(15 * 60_000);
      const opened = await links.openPage(realm, token);
      assert.equal(opened.statusCode, 400);
      assert.equal(headingOf(opened.body), 'This link does not work');
      assert.equal((await links.submitPage(realm, token)).statusCode, 400);
      assert.equal(errorCode(await links.poll(realm, flowId)), 'flow.expired');
    });

    it('keeps links and flows to their realm', async () => {
      const realm = await links.realmWith();
      const other = await links.realmWith();
      const { flowId, token } = await links.started(realm, 'magic_link');
      assert.equal((await links.openPage(other, token)).statusCode, 400);
      assert.equal(headingOf((await links.submitPage(other, token)).body), 'This link does not work');
      const foreignPoll = await links.poll(other, flowId);
      assert.equal([foreignPoll.statusCode, errorCode(foreignPoll)].join(' '), '404 flow.not_found');
      // Nothing the other realm refused was used up.
      assert.equal(headingOf((await links.submitPage(realm, token)).body), 'Sign-in approved');
      assert.ok((await links.poll(realm, flowId)).json().access_token);
    });

    it('proves nothing of an address never proven: the device that gets the tokens need not read the inbox (found by review)', async () => {
      const realm = await links.realmWith();
      const email = freshEmail('unproven');
      await ctx.server.services.users.create(realm, { email, password: 'chosen by whoever signed up 7' }, operator);
      const started = await links.start(realm, 'magic_link', email);
      const flowId = started.json().flow_id as string;
      await mailTo(ctx, email, /^Sign in to/);
      const token = await links.linkToken(email, 'magic_link');
      assert.equal((await links.submitPage(realm, token)).statusCode, 200);
      const done = await links.poll(realm, flowId);
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual([done.json().user.email_verified, done.json().user.has_password], [false, true]);
      assert.deepEqual(await links.eventsOf(realm, 'user.email_verified'), []);
    });

    it('answers the same for an identifier without an account, and mails nobody', async () => {
      const realm = await links.realmWith();
      const { email } = await links.userIn(realm);
      const nobody = freshEmail('nobody');
      for (const method of ['magic_link', 'number_match'] as const) {
        const unknown = await links.start(realm, method, nobody);
        const known = await links.start(realm, method, email);
        assert.deepEqual([unknown.statusCode, known.statusCode], [200, 200]);
        assert.deepEqual(Object.keys(unknown.json()).sort(), Object.keys(known.json()).sort());
        assert.deepEqual([unknown.json().state, unknown.json().methods], [known.json().state, known.json().methods]);
        if (method === 'number_match') assert.ok(unknown.json().number >= 10 && unknown.json().number <= 99);
        assert.equal((await links.poll(realm, unknown.json().flow_id)).json().state, 'first_factor');
      }
      assert.equal((await mailsTo(ctx, nobody)).length, 0);
      assert.equal((await mailsTo(ctx, email)).length, 2);
    });

    it('refuses methods the realm does not enable, and bodies with unknown fields', async () => {
      const realm = await links.realmWith({ first_factors: ['password'] });
      for (const path of ['magic-link', 'number-match']) {
        const refused = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/${path}`, { identifier: 'ada@example.com' });
        assert.equal([refused.statusCode, errorCode(refused)].join(' '), '403 auth.method_disabled');
      }
      const open = await links.realmWith();
      const extra = await send(ctx.server, 'POST', `/realms/${open.slug}/auth/magic-link`, { identifier: 'ada@example.com', remember: true });
      assert.equal([extra.statusCode, errorCode(extra)].join(' '), '400 request.validation_failed');
      const extraPoll = await send(ctx.server, 'POST', `/realms/${open.slug}/auth/magic-link/status`, { flow_id: 'flw_x', token: 'y' });
      assert.equal(extraPoll.statusCode, 400);
    });

    it('asks for the second factor a user enrolled before issuing tokens', async () => {
      const realm = await links.realmWith({ mfa: 'optional' });
      const { email, user } = await links.userIn(realm);
      const enrolment = await ctx.server.services.mfa.startEnrolment(realm, user.id, 'totp', { name: 'Phone' }, origin);
      const seed = base32Decode(enrolment.secret);
      const code = () => totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 });
      await ctx.server.services.mfa.confirm(realm, user.id, enrolment.factor.id, code(), origin);
      ctx.server.clock.advance(30_000);

      const flowId = (await links.start(realm, 'magic_link', email)).json().flow_id as string;
      await links.submitPage(realm, await links.linkToken(email, 'magic_link'));
      const step = await links.poll(realm, flowId);
      assert.equal(step.statusCode, 200, step.body);
      assert.deepEqual([step.json().mfa_required, step.json().access_token], [true, undefined]);
      assert.ok(step.json().methods.includes('totp'), step.body);
      // Polling again while the second factor is awaited still issues nothing.
      assert.equal((await links.poll(realm, flowId)).json().access_token, undefined);

      const done = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, { method: 'totp', code: code() });
      assert.equal(done.statusCode, 200, done.body);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['email', 'otp'], 'aal2']);
    });
  });
}
