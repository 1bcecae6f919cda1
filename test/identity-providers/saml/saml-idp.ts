/**
 * A SAML 2.0 identity provider for the tests, built on xml-crypto (XML-DSig, the library node-saml
 * verifies with) and its own key: it reads the AuthnRequest Keyrealm sends by the HTTP-Redirect
 * binding and answers with a Response whose assertion it signs — or, told to, one an attacker would
 * send (unsigned, signed by another key, for another service provider, expired, answering another
 * request, wrapped). As an HTTP server (for Chromium) it answers /sso with a sign-in page whose
 * button posts the Response to the service provider (the HTTP-POST binding).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
export const IDP_CERT = fixture('idp.crt');
const IDP_KEY = fixture('idp.key');
const ATTACKER_KEY = fixture('attacker.key');
export const SP_SIGNING = `${fixture('sp.key')}${fixture('sp.crt')}`;

export interface SamlUser {
  nameId: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  groups?: string[];
}

/** How a Response departs from a correct one. */
export interface Tamper {
  unsigned?: boolean;
  signedByAttacker?: boolean;
  /** Signed with RSA-SHA1 over a SHA-1 digest (what old IdPs still send). */
  sha1?: boolean;
  audience?: string;
  recipient?: string;
  destination?: string;
  inResponseTo?: string;
  issuer?: string;
  /** Minutes from now the assertion stops being valid (negative: expired). */
  validForMinutes?: number;
  assertionId?: string;
  /** Signature wrapping: the signed assertion kept, another one (other subject) put first in the Response. */
  wrapWithSubject?: string;
  /** The Response's top-level status (the assertion still in it). */
  status?: string;
  /** No assertion: a refusal status with this StatusMessage. */
  failureMessage?: string;
  /** The bearer confirmation expired, beside a valid holder-of-key one (which node-saml's time check takes). */
  expiredBearerBesideHolderOfKey?: boolean;
  /** Minutes ago the user authenticated (AuthnInstant): an IdP answering from an older session. */
  authenticatedMinutesAgo?: number;
}

export interface AuthnRequest {
  id: string;
  acs: string;
  issuer: string;
  relayState: string;
  signed: boolean;
  /** ForceAuthn="true": the IdP must authenticate the user again. */
  forceAuthn: boolean;
}

const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attribute = (xml: string, name: string) => xml.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? '';

/** What the service provider asked, as the HTTP-Redirect binding carries it. */
export function readAuthnRequest(url: string): AuthnRequest {
  const query = new URL(url).searchParams;
  const xml = inflateRawSync(Buffer.from(query.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
  return {
    id: attribute(xml, 'ID'),
    acs: attribute(xml, 'AssertionConsumerServiceURL'),
    issuer: xml.match(/<saml:Issuer[^>]*>([^<]*)<\/saml:Issuer>/)?.[1] ?? '',
    relayState: query.get('RelayState') ?? '',
    signed: query.has('Signature') && query.get('SigAlg') === 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    forceAuthn: attribute(xml, 'ForceAuthn') === 'true',
  };
}

export class SamlIdp {
  readonly entityId = 'https://idp.example.test/saml';
  ssoUrl = 'https://idp.example.test/sso';
  #server: Server | undefined;
  /** Who signs in at the HTTP IdP's page. */
  signInAs: SamlUser = { nameId: 'employee-1', email: 'employee@corp.example' };

  metadata(options: { ssoUrl?: string } = {}): string {
    const certificate = IDP_CERT.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${this.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${options.ssoUrl ?? this.ssoUrl}/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${options.ssoUrl ?? this.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** The Response to an AuthnRequest (its URL), as the form the browser posts: where, and what. */
  respond(authnRequestUrl: string, user: SamlUser, tamper: Tamper = {}): { acs: string; fields: { SAMLResponse: string; RelayState: string } } {
    const request = readAuthnRequest(authnRequestUrl);
    const xml = this.responseXml(request, user, tamper);
    return { acs: request.acs, fields: { SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: request.relayState } };
  }

  responseXml(request: AuthnRequest, user: SamlUser, tamper: Tamper = {}): string {
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
    const until = at(tamper.validForMinutes ?? 5);
    const inResponseTo = tamper.inResponseTo ?? request.id;
    const issuer = escape(tamper.issuer ?? this.entityId);
    const assertion = (id: string, subject: SamlUser) => {
      const values = (name: string, list: (string | undefined)[]) =>
        list.some(Boolean) ? `<saml:Attribute Name="${name}">${list.filter(Boolean).map((value) => `<saml:AttributeValue>${escape(value!)}</saml:AttributeValue>`).join('')}</saml:Attribute>` : '';
      return (
        `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${at(0)}">` +
        `<saml:Issuer>${issuer}</saml:Issuer>` +
        `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escape(subject.nameId)}</saml:NameID>` +
        (tamper.expiredBearerBesideHolderOfKey ? `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"><saml:SubjectConfirmationData NotOnOrAfter="${until}"/></saml:SubjectConfirmation>` : '') +
        `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${escape(inResponseTo)}" NotOnOrAfter="${tamper.expiredBearerBesideHolderOfKey ? at(-5) : until}" Recipient="${escape(tamper.recipient ?? request.acs)}"/></saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${at(-1)}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${escape(tamper.audience ?? request.issuer)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${at(-(tamper.authenticatedMinutesAgo ?? 0))}" SessionIndex="_s${randomBytes(6).toString('hex')}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        `<saml:AttributeStatement>${values('email', [subject.email])}${values('givenName', [subject.givenName])}${values('sn', [subject.familyName])}${values('groups', subject.groups ?? [])}</saml:AttributeStatement>` +
        `</saml:Assertion>`
      );
    };
    const assertionId = tamper.assertionId ?? `_a${randomBytes(16).toString('hex')}`;
    let signed = assertion(assertionId, user);
    if (!tamper.unsigned) {
      const [signatureAlgorithm, digestAlgorithm] = tamper.sha1
        ? ['http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'http://www.w3.org/2000/09/xmldsig#sha1']
        : ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmlenc#sha256'];
      const signer = new SignedXml({ privateKey: tamper.signedByAttacker ? ATTACKER_KEY : IDP_KEY, signatureAlgorithm, canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
      signer.addReference({ xpath: "//*[local-name(.)='Assertion']", transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm });
      signer.computeSignature(signed, { location: { reference: "//*[local-name(.)='Issuer']", action: 'after' } });
      signed = signer.getSignedXml();
    }
    // The wrapping attack: an unsigned assertion for someone else first, the genuine signed one after it.
    const assertions = tamper.wrapWithSubject ? `${assertion(`_w${randomBytes(8).toString('hex')}`, { nameId: tamper.wrapWithSubject })}${signed}` : signed;
    return (
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r${randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${at(0)}" Destination="${escape(tamper.destination ?? request.acs)}" InResponseTo="${escape(inResponseTo)}">` +
      `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${issuer}</saml:Issuer>` +
      (tamper.failureMessage !== undefined
        ? `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"/><samlp:StatusMessage>${escape(tamper.failureMessage)}</samlp:StatusMessage></samlp:Status>`
        : `<samlp:Status><samlp:StatusCode Value="${escape(tamper.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success')}"/></samlp:Status>${assertions}`) +
      `</samlp:Response>`
    );
  }

  /** Listens on a port: /metadata; /sso shows who signs in and a button that posts the Response to the service provider. */
  async listen(): Promise<string> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://idp');
      if (url.pathname === '/metadata') return void res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(this.metadata());
      if (url.pathname !== '/sso') return void res.writeHead(404).end();
      const { acs, fields } = this.respond(`http://idp${req.url}`, this.signInAs);
      const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`).join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Corp sign-in</title></head><body><h1>Corp sign-in</h1><p>Signed in as ${escape(this.signInAs.nameId)}.</p><form method="post" action="${escape(acs)}">${inputs}<button type="submit">Continue to the application</button></form></body></html>`);
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.ssoUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/sso`;
    return this.ssoUrl;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
