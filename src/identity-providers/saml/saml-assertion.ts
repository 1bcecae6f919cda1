import type { Profile } from '@node-saml/node-saml';
import { xmlParser, xpath } from './xml.ts';

/**
 * What the SAML adapter checks beyond node-saml, read from the assertion node-saml verified (its
 * xml2js form: attributes under `$`, text under `_`) and, for the Destination, from the Response.
 */
type Node = { $?: Record<string, string>; _?: string } & Record<string, unknown>;

const children = (node: unknown, name: string): Node[] => {
  const value = (node as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(value) ? (value as Node[]) : [];
};
const text = (node: Node | string | undefined): string | undefined => (typeof node === 'string' ? node : node?._);
const time = (value: string | undefined): number | undefined => {
  const at = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
};

export interface AssertionFacts {
  id: string | undefined;
  /** Read from the signed assertion itself (node-saml's profile also copies attributes onto it, under any name). */
  issuer: string | undefined;
  nameId: string | undefined;
  nameIdFormat: string | undefined;
  /** The bearer subject confirmations' Recipient, InResponseTo and times (signed with the assertion). */
  confirmations: { recipient: string | undefined; inResponseTo: string | undefined; notBefore: number | undefined; notOnOrAfter: number | undefined }[];
  /** When the assertion's conditions end (epoch ms), if they say. */
  notOnOrAfter: number | undefined;
  authnContext: string | undefined;
  /** When the IdP authenticated the user (the AuthnStatement's AuthnInstant, epoch ms), if it says. */
  authnInstant: number | undefined;
}

export function assertionFacts(profile: Profile): AssertionFacts {
  const assertion = (profile.getAssertion?.() as { Assertion?: Node } | undefined)?.Assertion;
  const confirmations = children(children(assertion, 'Subject')[0], 'SubjectConfirmation')
    .filter((confirmation) => confirmation.$?.Method === 'urn:oasis:names:tc:SAML:2.0:cm:bearer')
    .map((confirmation) => children(confirmation, 'SubjectConfirmationData')[0]?.$ ?? {})
    .map((data) => ({ recipient: data.Recipient, inResponseTo: data.InResponseTo, notBefore: time(data.NotBefore), notOnOrAfter: time(data.NotOnOrAfter) }));
  const nameId = children(children(assertion, 'Subject')[0], 'NameID')[0];
  const statement = children(assertion, 'AuthnStatement')[0];
  const classRef = children(children(statement, 'AuthnContext')[0], 'AuthnContextClassRef')[0];
  return {
    id: assertion?.$?.ID,
    issuer: text(children(assertion, 'Issuer')[0]),
    nameId: text(nameId),
    nameIdFormat: nameId?.$?.Format,
    confirmations,
    notOnOrAfter: time(children(assertion, 'Conditions')[0]?.$?.NotOnOrAfter),
    authnContext: text(classRef),
    authnInstant: time(statement?.$?.AuthnInstant),
  };
}

/** XML-DSig's SHA-1 signature and digest methods: SHA-1 collisions can be made, so they prove nothing. */
const SHA1_METHOD = /#(rsa-sha1|dsa-sha1|ecdsa-sha1|hmac-sha1|sha1)$/;

/**
 * The Response's Destination (if it has one) and top-level status code, outside the assertion's
 * signature; and whether any signature in it uses SHA-1 (node-saml accepts them).
 */
export function responseFacts(samlResponse: string): { destination: string | undefined; status: string | undefined; sha1: boolean } {
  const document = xmlParser().parseFromString(Buffer.from(samlResponse, 'base64').toString('utf8'), 'text/xml');
  const destination = xpath().select1("/*[local-name()='Response']/@Destination", document) as Attr | undefined;
  const status = xpath().select1("/*[local-name()='Response']/*[local-name()='Status']/*[local-name()='StatusCode']/@Value", document) as Attr | undefined;
  // Read from the parsed document, so a character reference in the attribute cannot hide the name.
  const methods = xpath().select("//*[local-name()='SignatureMethod' or local-name()='DigestMethod']/@Algorithm", document) as Attr[];
  return { destination: destination?.value, status: status?.value, sha1: methods.some((method) => SHA1_METHOD.test(method.value)) };
}

/** RFC 8176 methods for the authentication context classes IdPs report. */
const AMR_BY_CLASS: Record<string, string[]> = {
  'urn:oasis:names:tc:SAML:2.0:ac:classes:Password': ['pwd'],
  'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport': ['pwd'],
  'urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken': ['otp'],
  'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard': ['sc'],
  'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI': ['sc', 'mfa'],
  'urn:oasis:names:tc:SAML:2.0:ac:classes:X509': ['swk'],
  'https://refeds.org/profile/mfa': ['mfa'],
  'http://schemas.microsoft.com/claims/multipleauthn': ['mfa'],
};

export const authnContextAmr = (classRef: string | undefined): string[] => (classRef ? (AMR_BY_CLASS[classRef] ?? []) : []);
