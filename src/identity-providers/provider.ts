/**
 * An identity provider of a realm (another OpenID Connect, OAuth 2.0 or SAML 2.0 service its users
 * may sign in with), as the domain sees it, and the rules its fields keep. The protocol settings
 * (`protocol`) are the kind's own: an OpenID Connect issuer, OAuth 2.0 endpoints and where the
 * profile keeps each field, or a SAML IdP's metadata. Secrets (a client secret, a private key) are
 * sealed apart and never part of this.
 */
import { AppError, invalidField } from '../errors.ts';
import type { OAuth2Protocol, OidcProtocol, Preset } from './presets.ts';
import { parseIdpMetadata, readableCertificate } from './saml/idp-metadata.ts';

export type ProviderKind = 'oidc' | 'oauth2' | 'saml';
export type FirstSignIn = 'create' | 'link' | 'refuse';

export interface SamlProtocol {
  metadata_xml?: string;
  metadata_url?: string;
  entity_id?: string;
  sso_url?: string;
  certificates?: string[];
  sign_requests: boolean;
  attributes: { email?: string; name?: string; given_name?: string; family_name?: string };
}

/** Upstream claims or attributes (by name) to user fields, `custom` keys and tags. */
export interface AttributeMapping {
  fields: Partial<Record<'first_name' | 'last_name' | 'display_name' | 'username' | 'locale' | 'picture', string>>;
  custom: Record<string, string>;
  /** Tags every user of this provider gets. */
  tags: string[];
  /** Roles of the realm its users get: each always, or when a claim (or SAML attribute) has a value. */
  roles: RoleRule[];
}

/** A role (by slug) every user of the provider gets, or only those whose `claim` equals `value` or lists it. */
export interface RoleRule {
  role: string;
  claim?: string;
  value?: string;
}

/** What an operator sets (the secret apart). */
export interface ProviderFields {
  slug: string;
  displayName: string;
  iconUrl: string | null;
  position: number;
  enabled: boolean;
  kind: ProviderKind;
  preset: Preset | null;
  protocol: OidcProtocol | OAuth2Protocol | SamlProtocol;
  scopes: string[];
  prompt: string | null;
  authorizeParams: Record<string, string>;
  allowedEmailDomains: string[];
  /** The provider's "verified" on an email counts (needed before an account is linked by email). */
  trustEmail: boolean;
  firstSignIn: FirstSignIn;
  /** Whether a first sign-in may link to an existing account whose verified email matches (only with trustEmail). */
  linkByEmail: boolean;
  mapping: AttributeMapping;
  /** Mapped fields are written again at every sign-in, not only when the account is created. */
  syncOnSignIn: boolean;
  /** A sign-in through it counts as multi-factor (the realm's MFA policy asks nothing more). */
  satisfiesMfa: boolean;
}

export interface IdentityProvider extends ProviderFields {
  id: string;
  realmId: string;
  /** Whether a secret is stored (it is never shown again). */
  secretSet: boolean;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const providerLimits = {
  slugPattern: '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$',
  perRealm: 50,
  scopes: 30,
  authorizeParams: 20,
  allowedEmailDomains: 100,
  mappingEntries: 50,
  metadataBytes: 256 * 1024,
  secretBytes: 16 * 1024,
} as const;

const slugExpression = new RegExp(providerLimits.slugPattern);
/** Authorize parameters the sign-in sets itself: an operator must not override them. */
const RESERVED_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'response_mode', 'prompt'];
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const providerNotFound = () => new AppError('identity_provider.not_found', 'No such identity provider in this realm.');

/** An https URL (http only on loopback, for development and tests), or the field is refused. */
export function checkUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField('identity_provider.invalid', field, 'must be an absolute URL');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw invalidField('identity_provider.invalid', field, 'must use https');
  if (url.username || url.password || url.hash) throw invalidField('identity_provider.invalid', field, 'must not hold credentials or a fragment');
  // Kept as given: an OpenID Connect issuer is compared exactly, trailing slash and all.
  return value;
}

/** Settles the kind-independent fields (slug lower-cased, lists de-duplicated) or refuses the first that is wrong. */
export function settleProviderFields(fields: ProviderFields): ProviderFields {
  const slug = fields.slug.trim().toLowerCase();
  if (!slugExpression.test(slug)) throw invalidField('identity_provider.invalid', 'slug', 'must be 1 to 40 lower-case letters, digits or hyphens, not starting or ending with a hyphen');
  const reserved = Object.keys(fields.authorizeParams).find((name) => RESERVED_PARAMS.includes(name.toLowerCase()));
  if (reserved) throw invalidField('identity_provider.invalid', `authorize_params.${reserved}`, 'is set by the sign-in itself');
  const domains = [...new Set(fields.allowedEmailDomains.map((d) => d.trim().toLowerCase()))];
  const badDomain = domains.find((d) => !DOMAIN.test(d));
  if (badDomain !== undefined) throw invalidField('identity_provider.invalid', 'allowed_email_domains', `${badDomain} is not a domain name`);
  if (fields.linkByEmail && !fields.trustEmail) throw invalidField('identity_provider.invalid', 'link_by_email', 'needs trust_email: an address the provider does not verify never links accounts');
  if (fields.kind === 'saml' && fields.scopes.length > 0) throw invalidField('identity_provider.invalid', 'scopes', 'SAML has no scopes');
  // A SAML IdP asserts whatever address its administrator types: believed only for the domains it speaks for.
  if (fields.kind === 'saml' && fields.trustEmail && domains.length === 0) {
    throw invalidField('identity_provider.invalid', 'allowed_email_domains', 'a SAML provider trusted with addresses (trust_email) must name the email domains it speaks for');
  }
  const halfRule = fields.mapping.roles.findIndex((rule) => (rule.claim === undefined) !== (rule.value === undefined));
  if (halfRule >= 0) throw invalidField('identity_provider.invalid', `mapping.roles.${halfRule}`, 'needs both claim and value, or neither');
  return { ...fields, slug, displayName: fields.displayName.trim(), scopes: [...new Set(fields.scopes)], allowedEmailDomains: domains };
}

/** The SAML settings hold the IdP's metadata, or enough to do without: its entity id, SSO URL and certificates. */
export function checkSaml(protocol: SamlProtocol): SamlProtocol {
  if (protocol.metadata_xml !== undefined && Buffer.byteLength(protocol.metadata_xml) > providerLimits.metadataBytes) {
    throw invalidField('identity_provider.invalid', 'saml.metadata_xml', `must be at most ${providerLimits.metadataBytes / 1024} KiB`);
  }
  if (protocol.metadata_xml !== undefined) {
    // Read now, so a document that cannot serve is refused here rather than at the first sign-in.
    try {
      parseIdpMetadata(protocol.metadata_xml);
    } catch (error) {
      throw invalidField('identity_provider.invalid', 'saml.metadata_xml', error instanceof AppError ? error.message : 'cannot be read');
    }
  }
  const unreadable = (protocol.certificates ?? []).findIndex((certificate) => !readableCertificate(certificate));
  if (unreadable >= 0) throw invalidField('identity_provider.invalid', `saml.certificates.${unreadable}`, 'is not an X.509 certificate (PEM or base64 DER)');
  const explicit = protocol.entity_id !== undefined && protocol.sso_url !== undefined && (protocol.certificates?.length ?? 0) > 0;
  if (protocol.metadata_xml === undefined && protocol.metadata_url === undefined && !explicit) {
    throw invalidField('identity_provider.invalid', 'saml', 'needs metadata_xml, metadata_url, or entity_id with sso_url and certificates');
  }
  return {
    ...protocol,
    ...(protocol.metadata_url === undefined ? {} : { metadata_url: checkUrl(protocol.metadata_url, 'saml.metadata_url') }),
    ...(protocol.sso_url === undefined ? {} : { sso_url: checkUrl(protocol.sso_url, 'saml.sso_url') }),
  };
}

