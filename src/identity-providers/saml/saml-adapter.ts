import { randomBytes } from 'node:crypto';
import type { CacheProvider, Profile, SAML } from '@node-saml/node-saml';
import { memoise } from '../../platform/lazy.ts';
import { AppError } from '../../errors.ts';
import { PENDING_LIFETIME_MS } from '../pending-sign-in.ts';
import type { SamlProtocol } from '../provider.ts';
import type { UpstreamAdapter, UpstreamProfile } from '../upstream.ts';
import { idpDescriptor, type IdpDescriptor } from './idp-metadata.ts';
import { assertionFacts, authnContextAmr, responseFacts, type AssertionFacts } from './saml-assertion.ts';
import { signingMaterial } from './sp-signing.ts';
import { upstreamMessage } from '../upstream-text.ts';

/** What the sign-in gives the SAML adapter about this service provider. */
export interface ServiceProvider {
  /** The SP's entity id: the audience assertions must name (its metadata URL, stable per realm and provider). */
  entityId: string;
  /** Records an assertion id as used until `until` (epoch ms); false when it was used before (a replay). */
  firstUse(assertionId: string, until: number): Promise<boolean>;
}

export interface SamlContext {
  /** Which provider, as of which change: fetched metadata is kept per revision. */
  revision: string;
  fetch: typeof globalThis.fetch;
  now: () => number;
  serviceProvider: ServiceProvider;
}

/** Clocks differ between the IdP and here by up to this much (ms). */
const CLOCK_SKEW_MS = 60_000;
/** An assertion id is remembered this long when its conditions name no end (ms). */
const DEFAULT_ASSERTION_LIFETIME_MS = 60 * 60_000;

/** Reasons come from node-saml and so partly from the Response: kept short and printable, so an unsigned text cannot fill or forge answers and events. */
const refused = (text: string) => {
  const reason = upstreamMessage(text);
  return new AppError('idp.saml_invalid', `The identity provider's SAML response was refused: ${reason}.`, { details: [{ field: 'SAMLResponse', issue: reason }] });
};
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** node-saml and its XML stack (about 20 MiB and 50 ms): loaded by the first SAML sign-in, not by every process at start. */
const nodeSaml = memoise(() => import('@node-saml/node-saml'));

/**
 * SAML 2.0 Web Browser SSO through node-saml: an AuthnRequest by the HTTP-Redirect binding (signed
 * when the provider is set to sign requests), the Response by HTTP-POST to the callback. node-saml
 * checks the signature of the assertion against the IdP's certificates (an unsigned assertion is
 * refused), the audience, the time conditions and InResponseTo. Here, in addition: the assertion's
 * issuer must be the IdP's entity id; the signed subject confirmation must name this callback as
 * Recipient and this sign-in's request as InResponseTo (the Response's own InResponseTo is outside
 * the signature); the Response's Destination (when given) must be this callback; and the
 * assertion's id must not have been seen before.
 */
export function createSamlAdapter(protocol: SamlProtocol, secrets: { secret?: string }, ctx: SamlContext): UpstreamAdapter {
  const signing = protocol.sign_requests ? signingMaterial(secrets.secret) : undefined;

  async function samlFor(idp: IdpDescriptor, callbackUrl: string, cacheProvider: CacheProvider, requestId?: string, forceAuthn = false): Promise<SAML> {
    const { SAML, ValidateInResponseTo } = await nodeSaml();
    return new SAML({
      callbackUrl,
      entryPoint: idp.ssoUrl,
      issuer: ctx.serviceProvider.entityId,
      audience: ctx.serviceProvider.entityId,
      idpCert: idp.certificates,
      idpIssuer: idp.entityId,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: PENDING_LIFETIME_MS,
      cacheProvider,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      // The IdP's own NameID format (persistent, email, …): none is imposed.
      identifierFormat: null,
      disableRequestedAuthnContext: true,
      // A fresh sign-in asked for (`prompt=login`, `max_age`): the IdP must authenticate the user again.
      forceAuthn,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      ...(signing ? { privateKey: signing.privateKey, ...(signing.certificate ? { publicCert: signing.certificate } : {}) } : {}),
      ...(requestId ? { generateUniqueId: () => requestId } : {}),
    });
  }

  /** node-saml's request-id store, holding exactly this sign-in's request: the browser-bound pending sign-in keeps it. */
  const onlyRequest = (requestId: string | undefined): CacheProvider => ({
    saveAsync: async (_key, value) => ({ value, createdAt: ctx.now() }),
    getAsync: async (key) => (requestId !== undefined && key === requestId ? new Date().toISOString() : null),
    removeAsync: async (key) => key,
  });

  return {
    async start(input) {
      const idp = await idpDescriptor(protocol, ctx.revision, ctx.fetch, ctx.now());
      const requestId = `_${randomBytes(20).toString('hex')}`;
      const saml = await samlFor(idp, input.redirectUri, onlyRequest(requestId), requestId, input.maxAuthAge !== undefined);
      const url = await saml.getAuthorizeUrlAsync(input.state, undefined, {});
      return { url, requestId };
    },

    async finish(input) {
      const { SAMLResponse: response, RelayState: relayState } = input.params;
      if (!response) throw refused('no SAMLResponse came back');
      const expectedRequest = input.expected.requestId;
      if (!expectedRequest) throw refused('no request of this sign-in to answer');
      const idp = await idpDescriptor(protocol, ctx.revision, ctx.fetch, ctx.now());
      const saml = await samlFor(idp, input.redirectUri, onlyRequest(expectedRequest));
      const { SamlStatusError } = await nodeSaml();
      let profile: Profile | null;
      try {
        ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: response, ...(relayState === undefined ? {} : { RelayState: relayState }) }));
      } catch (error) {
        // A refusal status comes unsigned, with the IdP's (or anyone's) text: only its code is told.
        if (error instanceof SamlStatusError) throw refused(`the identity provider answered ${responseFacts(response).status?.split(':').pop() ?? 'a refusal'}`);
        throw refused(error instanceof Error ? error.message : 'it could not be read');
      }
      if (!profile) throw refused('it holds no assertion');
      const { destination, status, sha1 } = responseFacts(response);
      if (status !== SUCCESS) throw refused(`its status is ${status?.split(':').pop() ?? 'missing'}`);
      if (sha1) throw refused('it is signed with SHA-1; the identity provider must sign with SHA-256 or better');
      if (destination !== undefined && destination !== input.redirectUri) throw refused('its Destination is another service provider');
      const facts = assertionFacts(profile);
      if (!facts.nameId) throw refused('it names no subject');
      // node-saml checks the issuer of logout messages only: the assertion's must be the IdP's.
      if (facts.issuer !== idp.entityId) throw refused('its assertion was issued by another identity provider');
      checkConfirmation(facts, input.redirectUri, expectedRequest, ctx.now());
      const since = input.expected.authenticatedSince;
      // ForceAuthn is a request: an IdP that answered from an older session says so in AuthnInstant.
      if (since !== undefined && (facts.authnInstant === undefined || facts.authnInstant < since - CLOCK_SKEW_MS)) {
        throw refused('a fresh sign-in was asked for (ForceAuthn), and its AuthnInstant is older or missing');
      }
      if (!facts.id) throw refused('the assertion has no ID');
      if (!(await ctx.serviceProvider.firstUse(facts.id, (facts.notOnOrAfter ?? ctx.now() + DEFAULT_ASSERTION_LIFETIME_MS) + CLOCK_SKEW_MS))) {
        throw new AppError('idp.replayed', 'This SAML assertion was used before; sign in again.');
      }
      return profileOf(profile, facts, protocol.attributes);
    },
  };
}

/**
 * The SP metadata an enterprise imports into its IdP: the entity id, the callback as the
 * assertion consumer service (HTTP-POST), that assertions must be signed, and the certificate
 * requests are signed with when the provider signs them and its secret carries one.
 */
export async function serviceProviderMetadata(protocol: SamlProtocol, secret: string | undefined, entityId: string, callbackUrl: string): Promise<string> {
  const { generateServiceProviderMetadata } = await nodeSaml();
  const signing = protocol.sign_requests ? signingMaterial(secret) : undefined;
  // node-saml publishes the certificate (and AuthnRequestsSigned) only beside the key it belongs to.
  const published = signing?.certificate ? { privateKey: signing.privateKey, publicCerts: signing.certificate, signatureAlgorithm: 'sha256' as const } : {};
  return generateServiceProviderMetadata({ issuer: entityId, callbackUrl, identifierFormat: null, wantAssertionsSigned: true, ...published });
}

/**
 * A bearer subject confirmation must name this callback as Recipient, answer this sign-in's request,
 * and be in its time (node-saml times only the first confirmation of any method it finds valid).
 */
function checkConfirmation(facts: AssertionFacts, callbackUrl: string, requestId: string, now: number): void {
  const toHere = facts.confirmations.filter((confirmation) => confirmation.recipient === callbackUrl);
  if (toHere.length === 0) throw refused('no bearer subject confirmation names this service provider as Recipient');
  const answering = toHere.filter((confirmation) => confirmation.inResponseTo === requestId);
  if (answering.length === 0) throw refused('its subject confirmation answers another request');
  const inTime = ({ notBefore, notOnOrAfter }: AssertionFacts['confirmations'][number]) =>
    notOnOrAfter !== undefined && now < notOnOrAfter + CLOCK_SKEW_MS && (notBefore === undefined || notBefore <= now + CLOCK_SKEW_MS);
  if (!answering.some(inTime)) throw refused('its subject confirmation is not in its time (NotOnOrAfter is required)');
}

/** The upstream account in our words: the NameID as subject, the configured attributes as fields. */
function profileOf(profile: Profile, facts: AssertionFacts, names: SamlProtocol['attributes']): UpstreamProfile {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const first = (name: string | undefined): string | undefined => {
    if (!name) return undefined;
    const value = attributes[name];
    const single = Array.isArray(value) ? value[0] : value;
    return typeof single === 'string' && single.trim() ? single.trim() : undefined;
  };
  const nameId = facts.nameId!;
  // The configured attribute alone when one is named: a missing one must not fall back to another.
  const emailFormat = facts.nameIdFormat === 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
  const fallback = (typeof profile.mail === 'string' ? profile.mail : undefined) ?? (emailFormat ? nameId : undefined);
  const email = names.email ? first(names.email) : fallback;
  return {
    subject: nameId,
    ...(email ? { email: email.toLowerCase() } : {}),
    // An enterprise IdP asserts addresses from its own directory: they count as verified, and the
    // provider's trust_email decides whether that is believed (as for any provider).
    emailVerified: email !== undefined,
    ...(first(names.name) ? { name: first(names.name) } : {}),
    ...(first(names.given_name) ? { givenName: first(names.given_name) } : {}),
    ...(first(names.family_name) ? { familyName: first(names.family_name) } : {}),
    amr: authnContextAmr(facts.authnContext),
    raw: { ...attributes, name_id: nameId, name_id_format: facts.nameIdFormat ?? null, issuer: facts.issuer },
  };
}
