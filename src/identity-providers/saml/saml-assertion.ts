import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import type { Profile } from '@node-saml/node-saml';

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
  /** The bearer subject confirmations' Recipient and InResponseTo (signed with the assertion). */
  confirmations: { recipient: string | undefined; inResponseTo: string | undefined }[];
  /** When the assertion's conditions end (epoch ms), if they say. */
  notOnOrAfter: number | undefined;
  authnContext: string | undefined;
}

export function assertionFacts(profile: Profile): AssertionFacts {
  const assertion = (profile.getAssertion?.() as { Assertion?: Node } | undefined)?.Assertion;
  const confirmations = children(children(assertion, 'Subject')[0], 'SubjectConfirmation')
    .filter((confirmation) => confirmation.$?.Method === 'urn:oasis:names:tc:SAML:2.0:cm:bearer')
    .map((confirmation) => children(confirmation, 'SubjectConfirmationData')[0]?.$ ?? {})
    .map((data) => ({ recipient: data.Recipient, inResponseTo: data.InResponseTo }));
  const classRef = children(children(children(assertion, 'AuthnStatement')[0], 'AuthnContext')[0], 'AuthnContextClassRef')[0];
  return {
    id: assertion?.$?.ID,
    confirmations,
    notOnOrAfter: time(children(assertion, 'Conditions')[0]?.$?.NotOnOrAfter),
    authnContext: text(classRef),
  };
}

/** The Response's Destination attribute, if it has one (outside the assertion's signature). */
export function responseDestination(samlResponse: string): string | undefined {
  const document = new DOMParser().parseFromString(Buffer.from(samlResponse, 'base64').toString('utf8'), 'text/xml');
  const attribute = xpath.select1("/*[local-name()='Response']/@Destination", document) as Attr | undefined;
  return attribute?.value;
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
