/**
 * Sign-in through a SAML 2.0 identity provider (each database in turn), against an IdP built in the
 * tests on xml-crypto with its own key (saml/saml-idp.ts): the AuthnRequest by redirect, the signed
 * Response posted to the callback, the account made from its attributes; the service provider's
 * metadata; signed requests; and every response an attacker could send refused and recorded (1225):
 * unsigned, signed by another key, for another service provider or Recipient or Destination,
 * answering another request, from another issuer, expired, wrapped, replayed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { send } from '../support/http.ts';
import { arrive, begin, eventsOf, PUBLIC_URL, startHarness } from './idp-harness.ts';
import { IDP_CERT, readAuthnRequest, SamlIdp, SP_SIGNING, type Tamper } from './saml/saml-idp.ts';

const ATTRIBUTES = { email: 'email', given_name: 'givenName', family_name: 'sn' };

for (const dialect of dialects) {
  describe(`sign-in through a SAML identity provider on ${dialect}`, () => {
    const h = perSuite(() => startHarness(dialect, `saml ${dialect}`));
    const idp = new SamlIdp();

    before(async () => {
      for (const [slug, saml] of [
        ['corp', { metadata_xml: idp.metadata(), attributes: ATTRIBUTES }],
        ['corp-signed', { metadata_xml: idp.metadata(), attributes: ATTRIBUTES, sign_requests: true }],
        ['corp-plain', { entity_id: idp.entityId, sso_url: idp.ssoUrl, certificates: [IDP_CERT], attributes: ATTRIBUTES }],
      ] as const) {
        const body = { slug, display_name: 'Corp', saml, trust_email: true, allowed_email_domains: ['corp.example'], ...(slug === 'corp-signed' ? { private_key: SP_SIGNING } : {}) };
        const made = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, body, h.server.adminHeaders);
        assert.equal(made.statusCode, 201, made.body);
      }
    });

    /** The whole walk with the IdP answering as told: the callback's (or the exchange's) answer. */
    async function signIn(slug: string, user: { nameId: string; email?: string; givenName?: string; familyName?: string }, tamper: Tamper = {}) {
      const started = await begin(h, slug);
      const { acs, fields } = idp.respond(started.upstreamUrl, user, tamper);
      return { response: await arrive(h, new URL(acs), started.cookie, fields), started, fields, acs };
    }

    it('signs a new employee in: the account made from the attributes (1305), the next sign-in to it', async () => {
      const { response, started } = await signIn('corp', { nameId: 'emp-100', email: 'Ada@Corp.Example', givenName: 'Ada', familyName: 'Lovelace' });
      assert.equal(response.statusCode, 200, response.body);
      assert.ok(response.json().access_token);
      const request = readAuthnRequest(started.upstreamUrl);
      assert.equal(new URL(started.upstreamUrl).origin + new URL(started.upstreamUrl).pathname, idp.ssoUrl, 'sent to the IdP\u2019s SSO service');
      assert.equal(request.acs, `${PUBLIC_URL}/realms/${h.realm.slug}/auth/idp/corp/callback`);
      assert.equal(request.issuer, `${PUBLIC_URL}/realms/${h.realm.slug}/auth/idp/corp/saml/metadata`);
      assert.equal(request.signed, false);
      const user = (await h.server.services.users.list(h.realm, { email: 'ada@corp.example' }, { limit: 2 })).items[0];
      assert.deepEqual([user?.first_name, user?.last_name], ['Ada', 'Lovelace']);
      assert.equal((await eventsOf(h, 'user.signed_up.identity_provider')).length >= 1, true);
      const again = await signIn('corp', { nameId: 'emp-100', email: 'ada@corp.example' });
      assert.equal(again.response.statusCode, 200, again.response.body);
      assert.equal(JSON.parse(Buffer.from(again.response.json().access_token.split('.')[1], 'base64url').toString()).sub, user?.id);
    });

    it('works from explicit settings and from a metadata URL too, and signs its requests when told to', async () => {
      assert.equal((await signIn('corp-plain', { nameId: 'emp-200', email: 'grace@corp.example' })).response.statusCode, 200);
      const ssoUrl = await idp.listen();
      try {
        const byUrl = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, { slug: 'corp-url', display_name: 'Corp', saml: { metadata_url: ssoUrl.replace(/\/sso$/, '/metadata'), attributes: ATTRIBUTES } }, h.server.adminHeaders);
        assert.equal(byUrl.statusCode, 201, byUrl.body);
        const started = await begin(h, 'corp-url');
        assert.ok(started.upstreamUrl.startsWith(`${ssoUrl}?SAMLRequest=`), started.upstreamUrl);
        const { acs, fields } = idp.respond(started.upstreamUrl, { nameId: 'emp-250', email: 'edsger@corp.example' });
        assert.equal((await arrive(h, new URL(acs), started.cookie, fields)).statusCode, 200);
      } finally {
        await idp.close();
      }
      const signed = await signIn('corp-signed', { nameId: 'emp-300', email: 'alan@corp.example' });
      assert.equal(signed.response.statusCode, 200, signed.response.body);
      assert.equal(readAuthnRequest(signed.started.upstreamUrl).signed, true, 'an RSA-SHA256 signature on the redirect');
    });

    it('keeps metadata fetched from a URL, and fetches it again once the provider changes', async () => {
      const ssoUrl = await idp.listen();
      try {
        const made = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, { slug: 'corp-moving', display_name: 'Corp', saml: { metadata_url: ssoUrl.replace(/\/sso$/, '/metadata'), attributes: ATTRIBUTES } }, h.server.adminHeaders);
        assert.equal(made.statusCode, 201, made.body);
        assert.ok((await begin(h, 'corp-moving')).upstreamUrl.startsWith(`${ssoUrl}?`));
        // The IdP moves its SSO service and publishes that in its metadata.
        idp.ssoUrl = `${ssoUrl}-moved`;
        assert.ok((await begin(h, 'corp-moving')).upstreamUrl.startsWith(`${ssoUrl}?`), 'kept: not fetched on every sign-in');
        const saved = await send(h.server, 'PATCH', `/admin/v1/realms/${h.realm.slug}/identity-providers/corp-moving`, { display_name: 'Corp (moved)' }, h.server.adminHeaders);
        assert.equal(saved.statusCode, 200, saved.body);
        assert.ok((await begin(h, 'corp-moving')).upstreamUrl.startsWith(`${ssoUrl}-moved?`), 'fetched again after the change');
      } finally {
        await idp.close();
      }
    });

    it('publishes the service provider\u2019s metadata at its entity id', async () => {
      const metadata = await h.server.app.inject({ method: 'GET', url: `/realms/${h.realm.slug}/auth/idp/corp-signed/saml/metadata` });
      assert.equal(metadata.statusCode, 200);
      assert.match(String(metadata.headers['content-type']), /^application\/samlmetadata\+xml/);
      assert.match(metadata.body, new RegExp(`entityID="${PUBLIC_URL}/realms/${h.realm.slug}/auth/idp/corp-signed/saml/metadata"`));
      assert.match(metadata.body, new RegExp(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${PUBLIC_URL}/realms/${h.realm.slug}/auth/idp/corp-signed/callback"`));
      assert.match(metadata.body, /WantAssertionsSigned="true"/);
      assert.match(metadata.body, /<ds:X509Certificate>MII/, 'the certificate its requests are signed with');
      assert.doesNotMatch(metadata.body, /PRIVATE KEY/);
      const oidc = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, { slug: 'not-saml', display_name: 'X', oidc: { issuer: 'https://accounts.example.com', client_id: 'x' }, client_secret: 's' }, h.server.adminHeaders);
      assert.equal(oidc.statusCode, 201, oidc.body);
      assert.equal((await h.server.app.inject({ method: 'GET', url: `/realms/${h.realm.slug}/auth/idp/not-saml/saml/metadata` })).statusCode, 404);
    });

    /** Each refused by its own check: the reason in the error (and event) says which. */
    const attacks: [string, Tamper, RegExp][] = [
      ['an unsigned assertion', { unsigned: true }, /Invalid signature/],
      ['an assertion signed by another key', { signedByAttacker: true }, /Invalid signature/],
      ['an assertion for another service provider', { audience: 'https://other-sp.example/metadata' }, /audience mismatch/],
      ['an assertion for another Recipient', { recipient: 'https://other-sp.example/acs' }, /as Recipient/],
      ['a Response for another Destination', { destination: 'https://other-sp.example/acs' }, /its Destination is another service provider/],
      ['an assertion answering another request', { inResponseTo: '_not-this-request' }, /InResponseTo is not valid/],
      ['an assertion from another issuer', { issuer: 'https://evil-idp.example' }, /issued by another identity provider/],
      ['an expired assertion', { validForMinutes: -5 }, /No valid subject confirmation/],
      ['a signed assertion wrapped beside an unsigned one for someone else', { wrapWithSubject: 'ceo' }, /multiple assertions/],
      ['a Response whose status is not Success', { status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' }, /its status is Requester/],
      ['an expired bearer confirmation beside a valid holder-of-key one', { expiredBearerBesideHolderOfKey: true }, /not in its time/],
      ['an assertion signed with SHA-1', { sha1: true }, /signed with SHA-1/],
    ];
    for (const [what, tamper, reason] of attacks) {
      it(`refuses ${what}, and records it (1225)`, async () => {
        const { response } = await signIn('corp', { nameId: `victim-${what.length}`, email: `victim${what.length}@corp.example` }, tamper);
        assert.equal(response.statusCode >= 400 && response.statusCode < 500, true, `${response.statusCode} ${response.body}`);
        assert.equal(response.json().error.code, 'idp.saml_invalid', response.body);
        assert.match(response.json().error.message, reason);
        const failures = await eventsOf(h, 'identity_provider.sign_in_failed');
        assert.ok(failures.some((event) => event.details.code === 'idp.saml_invalid' && event.details.slug === 'corp' && reason.test(String(event.details.reason))));
        assert.equal((await h.server.services.users.list(h.realm, { email: `victim${what.length}@corp.example` }, { limit: 1 })).items.length, 0, 'no account made');
      });
    }

    it('tells only the status code of an unsigned refusal, never its (unbounded) message', async () => {
      const started = await begin(h, 'corp');
      const { acs, fields } = idp.respond(started.upstreamUrl, { nameId: 'emp-700' }, { failureMessage: `Your account is locked. Call +1-555-0100 now. ${'x'.repeat(100_000)}` });
      const response = await arrive(h, new URL(acs), started.cookie, fields);
      assert.equal(response.json().error.message, "The identity provider's SAML response was refused: the identity provider answered Requester.");
      assert.ok(response.body.length < 1000);
      const [event] = (await eventsOf(h, 'identity_provider.sign_in_failed')).filter((e) => e.details.slug === 'corp' && /answered Requester/.test(String(e.details.reason)));
      assert.ok(event && JSON.stringify(event.details).length < 1000);
    });

    it('believes addresses only for named domains: trust_email needs allowed_email_domains', async () => {
      const refused = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, { slug: 'trusting', display_name: 'X', trust_email: true, saml: { metadata_xml: idp.metadata() } }, h.server.adminHeaders);
      assert.deepEqual([refused.statusCode, refused.json().error.details[0].field], [400, 'allowed_email_domains']);
      const outside = await signIn('corp', { nameId: 'emp-800', email: 'bob@customer-b.example' });
      assert.equal(outside.response.statusCode, 403, outside.response.body);
      assert.equal((await h.server.services.users.list(h.realm, { email: 'bob@customer-b.example' }, { limit: 1 })).items.length, 0);
    });

    it('answers garbage in place of a Response with a 4xx, never a 500', async () => {
      for (const garbage of ['not base64 at all!', Buffer.from('<not xml').toString('base64'), Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&e;</samlp:Response>').toString('base64'), '']) {
        const started = await begin(h, 'corp');
        const { acs, fields } = idp.respond(started.upstreamUrl, { nameId: 'emp-600' });
        const response = await arrive(h, new URL(acs), started.cookie, { ...fields, SAMLResponse: garbage });
        assert.equal(response.statusCode >= 400 && response.statusCode < 500, true, `${JSON.stringify(garbage)} → ${response.statusCode} ${response.body}`);
        assert.equal(response.json().error.code, 'idp.saml_invalid');
        assert.doesNotMatch(response.body, /root:/, 'no external entity was read');
      }
    });

    it('refuses a replayed Response, and an assertion id seen before under a new request', async () => {
      const first = await signIn('corp', { nameId: 'emp-400', email: 'replay@corp.example' }, { assertionId: `_replayed-${dialect}` });
      assert.equal(first.response.statusCode, 200, first.response.body);
      // The same Response posted again, with the same cookie: the sign-in it answered is used up.
      const replay = await arrive(h, new URL(first.acs), first.started.cookie, first.fields);
      assert.equal(replay.statusCode >= 400 && replay.statusCode < 500, true, replay.body);
      // A new sign-in answered by an assertion that reuses the id: refused as a replay.
      const again = await signIn('corp', { nameId: 'emp-400', email: 'replay@corp.example' }, { assertionId: `_replayed-${dialect}` });
      assert.equal(again.response.json().error.code, 'idp.replayed', again.response.body);
    });

    it('refuses a Response posted to another realm\u2019s provider', async () => {
      const made = await send(h.server, 'POST', `/admin/v1/realms/${h.other.slug}/identity-providers`, { slug: 'corp', display_name: 'Corp', saml: { metadata_xml: idp.metadata(), attributes: ATTRIBUTES } }, h.server.adminHeaders);
      assert.equal(made.statusCode, 201, made.body);
      const started = await begin(h, 'corp');
      const { fields } = idp.respond(started.upstreamUrl, { nameId: 'emp-500', email: 'cross@corp.example' });
      const elsewhere = await arrive(h, new URL(`${PUBLIC_URL}/realms/${h.other.slug}/auth/idp/corp/callback`), started.cookie, fields);
      assert.equal(elsewhere.statusCode >= 400 && elsewhere.statusCode < 500, true, elsewhere.body);
      assert.equal((await h.server.services.users.list(h.other, { email: 'cross@corp.example' }, { limit: 1 })).items.length, 0);
    });
  });
}
