/**
 * An identity provider's form as flat text and switches, and the API bodies made from it: the
 * whole provider for POST, only what changed for PATCH (a protocol part given replaces the stored
 * one whole, so it is sent whole, and only when one of its fields changed). Secrets are write-only:
 * the form starts with none, and an empty one means "keep the stored one".
 */
import type { RequestOf, ResponseOf } from '../../api/types.ts';
import { typeInfo, type PresetId, type ProviderType } from './presets.ts';

export type Provider = ResponseOf<'/admin/v1/realms/{realm}/identity-providers/{idp}', 'get'>;
export type CreateBody = RequestOf<'/admin/v1/realms/{realm}/identity-providers', 'post'>;
export type PatchBody = RequestOf<'/admin/v1/realms/{realm}/identity-providers/{idp}', 'patch'>;

export const CLAIMS = ['subject', 'email', 'email_verified', 'name', 'given_name', 'family_name', 'picture'] as const;
export const SAML_ATTRIBUTES = ['email', 'name', 'given_name', 'family_name'] as const;
export const MAPPED_FIELDS = ['display_name', 'first_name', 'last_name', 'username', 'locale', 'picture'] as const;

export interface RoleRule { role: string; claim: string; value: string }
export interface CustomRule { key: string; claim: string }

export interface IdpForm {
  type: ProviderType;
  slug: string;
  display_name: string;
  icon_url: string;
  position: string;
  enabled: boolean;
  client_id: string;
  tenant: string;
  team_id: string;
  key_id: string;
  base_url: string;
  issuer: string;
  token_auth: string;
  response_mode: string;
  authorization_url: string;
  token_url: string;
  profile_url: string;
  pkce: boolean;
  iss_parameter_required: boolean;
  claims: Record<(typeof CLAIMS)[number], string>;
  saml_source: 'url' | 'xml' | 'manual';
  metadata_url: string;
  metadata_xml: string;
  entity_id: string;
  sso_url: string;
  certificates: string;
  sign_requests: boolean;
  attributes: Record<(typeof SAML_ATTRIBUTES)[number], string>;
  /** A new secret to store; empty keeps the stored one. */
  secret: string;
  scopes: string;
  prompt: string;
  authorize_params: string;
  allowed_email_domains: string;
  trust_email: boolean;
  first_sign_in: string;
  link_by_email: boolean;
  sync_on_sign_in: boolean;
  satisfies_mfa: boolean;
  fields: Record<(typeof MAPPED_FIELDS)[number], string>;
  custom: CustomRule[];
  tags: string;
  roles: RoleRule[];
}

const blank = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, ''])) as Record<K, string>;

export function emptyForm(type: ProviderType): IdpForm {
  const info = typeInfo(type);
  return {
    type, slug: info.preset ? type : '', display_name: info.preset ? info.label : '', icon_url: '', position: '0', enabled: true,
    client_id: '', tenant: type === 'microsoft' ? 'common' : '', team_id: '', key_id: '', base_url: '',
    issuer: '', token_auth: 'client_secret_basic', response_mode: 'query',
    authorization_url: '', token_url: '', profile_url: '', pkce: true, iss_parameter_required: false, claims: { ...blank(CLAIMS), subject: type === 'oauth2' ? 'id' : '' },
    saml_source: 'url', metadata_url: '', metadata_xml: '', entity_id: '', sso_url: '', certificates: '', sign_requests: false, attributes: blank(SAML_ATTRIBUTES),
    secret: '', scopes: '', prompt: '', authorize_params: '', allowed_email_domains: '', trust_email: false, first_sign_in: 'create', link_by_email: false,
    sync_on_sign_in: false, satisfies_mfa: false, fields: blank(MAPPED_FIELDS), custom: [], tags: '', roles: [],
  };
}

/** Words separated by spaces, commas or new lines. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).map((word) => word.trim()).filter(Boolean);
}

/** `key=value` lines (the extra authorization parameters). */
export function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** PEM certificates one after another, or base64 DER ones separated by blank lines. */
export function splitCertificates(text: string): string[] {
  const pem = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (pem) return pem;
  return text.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const compact = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value !== ''));

/** The form of a stored provider (its secret never comes back: `secret` starts empty). */
export function fromProvider(provider: Provider): IdpForm {
  const p = provider.protocol as Record<string, unknown>;
  const type = (provider.preset ?? provider.kind) as ProviderType;
  const form = emptyForm(type);
  const issuer = str(p.issuer);
  const claims = (p.claims ?? {}) as Record<string, string>;
  const attributes = (p.attributes ?? {}) as Record<string, string>;
  const certificates = Array.isArray(p.certificates) ? (p.certificates as string[]) : [];
  return {
    ...form,
    slug: provider.slug, display_name: provider.display_name, icon_url: provider.icon_url ?? '', position: String(provider.position), enabled: provider.enabled,
    client_id: str(p.client_id),
    tenant: type === 'microsoft' ? (/login\.microsoftonline\.com\/([^/]+)\/v2\.0/.exec(issuer)?.[1] ?? '') : '',
    team_id: str(p.team_id), key_id: str(p.key_id),
    base_url: type === 'gitlab' && issuer !== 'https://gitlab.com' ? issuer : '',
    issuer: type === 'oidc' || type === 'oauth2' ? issuer : '',
    token_auth: str(p.token_auth) || 'client_secret_basic', response_mode: str(p.response_mode) || 'query',
    authorization_url: str(p.authorization_url), token_url: str(p.token_url), profile_url: str(p.profile_url),
    pkce: p.pkce !== false, iss_parameter_required: p.iss_parameter_required === true,
    claims: { ...form.claims, ...Object.fromEntries(CLAIMS.map((key) => [key, str(claims[key])])) },
    saml_source: p.metadata_url ? 'url' : p.metadata_xml ? 'xml' : 'manual',
    metadata_url: str(p.metadata_url), metadata_xml: str(p.metadata_xml), entity_id: str(p.entity_id), sso_url: str(p.sso_url), certificates: certificates.join('\n\n'),
    sign_requests: p.sign_requests === true,
    attributes: { ...form.attributes, ...Object.fromEntries(SAML_ATTRIBUTES.map((key) => [key, str(attributes[key])])) },
    scopes: provider.scopes.join(' '), prompt: provider.prompt ?? '',
    authorize_params: Object.entries(provider.authorize_params).map(([key, value]) => `${key}=${value}`).join('\n'),
    allowed_email_domains: provider.allowed_email_domains.join(', '), trust_email: provider.trust_email, first_sign_in: provider.first_sign_in,
    link_by_email: provider.link_by_email, sync_on_sign_in: provider.sync_on_sign_in, satisfies_mfa: provider.satisfies_mfa,
    fields: { ...form.fields, ...Object.fromEntries(MAPPED_FIELDS.map((key) => [key, str(provider.mapping.fields[key])])) },
    custom: Object.entries(provider.mapping.custom).map(([key, claim]) => ({ key, claim })),
    tags: provider.mapping.tags.join(', '),
    roles: provider.mapping.roles.map((rule) => ({ role: rule.role, claim: rule.claim ?? '', value: rule.value ?? '' })),
  };
}

/** The protocol part of the body: `preset_settings`, `oidc`, `oauth2` or `saml`. */
function protocolPart(form: IdpForm): Pick<CreateBody, 'preset_settings' | 'oidc' | 'oauth2' | 'saml'> {
  const info = typeInfo(form.type);
  if (info.preset) {
    const settings: NonNullable<CreateBody['preset_settings']> = { client_id: form.client_id.trim() };
    for (const key of info.settings) if (form[key].trim()) settings[key] = form[key].trim();
    return { preset_settings: settings };
  }
  if (form.type === 'oidc') {
    return { oidc: { issuer: form.issuer.trim(), client_id: form.client_id.trim(), token_auth: form.token_auth as 'client_secret_basic', response_mode: form.response_mode as 'query' } };
  }
  if (form.type === 'oauth2') {
    const claims = compact(form.claims) as { subject: string };
    return {
      oauth2: {
        authorization_url: form.authorization_url.trim(), token_url: form.token_url.trim(), profile_url: form.profile_url.trim(), client_id: form.client_id.trim(),
        token_auth: form.token_auth === 'client_secret_post' ? 'client_secret_post' : 'client_secret_basic', pkce: form.pkce,
        claims: { ...claims, subject: claims.subject ?? '' },
        ...(form.issuer.trim() ? { issuer: form.issuer.trim(), iss_parameter_required: form.iss_parameter_required } : {}),
      },
    };
  }
  const source = form.saml_source === 'url' ? { metadata_url: form.metadata_url.trim() } : form.saml_source === 'xml' ? { metadata_xml: form.metadata_xml.trim() } : { entity_id: form.entity_id.trim(), sso_url: form.sso_url.trim(), certificates: splitCertificates(form.certificates) };
  return { saml: { ...source, sign_requests: form.sign_requests, attributes: compact(form.attributes) } };
}

/** Everything but the protocol part and the secret, as the API takes it. */
function common(form: IdpForm): Omit<CreateBody, 'preset' | 'preset_settings' | 'oidc' | 'oauth2' | 'saml' | 'client_secret' | 'private_key'> {
  const position = Number.parseInt(form.position, 10);
  const scopes = splitList(form.scopes);
  return {
    slug: form.slug.trim(), display_name: form.display_name.trim(), icon_url: form.icon_url.trim() || null, position: Number.isFinite(position) ? position : 0, enabled: form.enabled,
    ...(scopes.length > 0 ? { scopes } : {}),
    prompt: (form.prompt || null) as CreateBody['prompt'],
    authorize_params: parseParams(form.authorize_params),
    allowed_email_domains: splitList(form.allowed_email_domains).map((domain) => domain.toLowerCase()),
    trust_email: form.trust_email, first_sign_in: form.first_sign_in as 'create', link_by_email: form.link_by_email,
    sync_on_sign_in: form.sync_on_sign_in, satisfies_mfa: form.satisfies_mfa,
    mapping: {
      fields: compact(form.fields),
      custom: Object.fromEntries(form.custom.filter((rule) => rule.key.trim() && rule.claim.trim()).map((rule) => [rule.key.trim(), rule.claim.trim()])),
      tags: splitList(form.tags),
      roles: form.roles.filter((rule) => rule.role.trim()).map((rule) => ({ role: rule.role.trim(), ...(rule.claim.trim() ? { claim: rule.claim.trim() } : {}), ...(rule.value.trim() ? { value: rule.value.trim() } : {}) })),
    },
  };
}

/** Which secret this provider takes now (a SAML provider takes a key only when it signs requests). */
export function secretField(form: IdpForm): 'client_secret' | 'private_key' | null {
  const info = typeInfo(form.type);
  if (info.secret === 'private_key') return 'private_key';
  if (form.type === 'saml') return form.sign_requests ? 'private_key' : null;
  if (form.type === 'oidc' && form.token_auth === 'none') return null;
  return 'client_secret';
}

function withSecret(form: IdpForm): Pick<CreateBody, 'client_secret' | 'private_key'> {
  const field = secretField(form);
  return field && form.secret ? { [field]: form.secret } : {};
}

export function toCreateBody(form: IdpForm): CreateBody {
  const info = typeInfo(form.type);
  return { ...common(form), ...(info.preset ? { preset: form.type as PresetId } : {}), ...protocolPart(form), ...withSecret(form) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what differs from the stored provider (its form): nothing at all when nothing changed. */
export function toPatchBody(form: IdpForm, stored: IdpForm): PatchBody {
  const body: Record<string, unknown> = {};
  const now = common(form) as Record<string, unknown>;
  const before = common(stored) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(now), ...Object.keys(before)])) {
    if (!same(now[key], before[key])) body[key] = now[key] ?? (key === 'scopes' ? [] : null);
  }
  const part = protocolPart(form);
  if (!same(part, protocolPart(stored))) Object.assign(body, part);
  Object.assign(body, withSecret(form));
  return body as PatchBody;
}
