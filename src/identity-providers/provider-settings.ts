/**
 * From what an operator sends (the admin API's body) to a provider's fields and its secret: the
 * preset's defaults or the kind's own settings, the sign-in rules with their defaults, and the
 * secret the kind needs (a client secret, or a PEM private key), checked before anything is stored.
 */
import { createPrivateKey } from 'node:crypto';
import { invalidField } from '../errors.ts';
import { presetDefaults, type OAuth2Protocol, type OidcProtocol, type Preset, type PresetInput } from './presets.ts';
import { checkSaml, checkUrl, providerLimits, settleProviderFields, type AttributeMapping, type FirstSignIn, type ProviderFields, type SamlProtocol } from './provider.ts';

export interface ProviderInput {
  slug: string;
  display_name: string;
  icon_url?: string | null;
  position?: number;
  enabled?: boolean;
  preset?: Preset;
  preset_settings?: PresetInput;
  oidc?: Omit<OidcProtocol, 'token_auth' | 'response_mode'> & Partial<Pick<OidcProtocol, 'token_auth' | 'response_mode'>>;
  oauth2?: Omit<OAuth2Protocol, 'token_auth' | 'pkce'> & Partial<Pick<OAuth2Protocol, 'token_auth' | 'pkce'>>;
  saml?: Omit<SamlProtocol, 'sign_requests' | 'attributes'> & Partial<Pick<SamlProtocol, 'sign_requests' | 'attributes'>>;
  client_secret?: string;
  private_key?: string;
  scopes?: string[];
  prompt?: string | null;
  authorize_params?: Record<string, string>;
  allowed_email_domains?: string[];
  trust_email?: boolean;
  first_sign_in?: FirstSignIn;
  link_by_email?: boolean;
  mapping?: Partial<AttributeMapping>;
  sync_on_sign_in?: boolean;
  satisfies_mfa?: boolean;
}

/** The kind, preset and protocol settings the input's one protocol part gives. */
function protocolOf(input: ProviderInput): Pick<ProviderFields, 'kind' | 'preset' | 'protocol' | 'scopes'> & { secret: 'client_secret' | 'private_key' | 'optional' } {
  const given = (['preset', 'oidc', 'oauth2', 'saml'] as const).filter((part) => input[part] !== undefined);
  if (given.length !== 1) throw invalidField('identity_provider.invalid', 'preset', 'give exactly one of preset (with preset_settings), oidc, oauth2 or saml');
  if (input.preset !== undefined) {
    if (!input.preset_settings) throw invalidField('identity_provider.invalid', 'preset_settings', `${input.preset} needs its settings (client_id at least)`);
    const defaults = presetDefaults(input.preset, input.preset_settings);
    if (input.preset_settings.base_url !== undefined) checkUrl(input.preset_settings.base_url, 'preset_settings.base_url');
    return { kind: defaults.kind, preset: input.preset, protocol: defaults.protocol, scopes: defaults.scopes, secret: defaults.secret };
  }
  if (input.oidc) {
    const protocol: OidcProtocol = { token_auth: 'client_secret_basic', response_mode: 'query', ...input.oidc, issuer: checkUrl(input.oidc.issuer, 'oidc.issuer') };
    return { kind: 'oidc', preset: null, protocol, scopes: ['openid', 'email', 'profile'], secret: protocol.token_auth === 'none' ? 'optional' : 'client_secret' };
  }
  if (input.oauth2) {
    const o = input.oauth2;
    const protocol: OAuth2Protocol = {
      token_auth: 'client_secret_basic',
      pkce: true,
      ...o,
      authorization_url: checkUrl(o.authorization_url, 'oauth2.authorization_url'),
      token_url: checkUrl(o.token_url, 'oauth2.token_url'),
      profile_url: checkUrl(o.profile_url, 'oauth2.profile_url'),
      ...(o.issuer === undefined ? {} : { issuer: checkUrl(o.issuer, 'oauth2.issuer') }),
    };
    return { kind: 'oauth2', preset: null, protocol, scopes: [], secret: 'client_secret' };
  }
  const samlInput = input.saml as NonNullable<ProviderInput['saml']>;
  const saml = checkSaml({ ...samlInput, sign_requests: samlInput.sign_requests ?? false, attributes: samlInput.attributes ?? {} });
  return { kind: 'saml', preset: null, protocol: saml, scopes: [], secret: saml.sign_requests ? 'private_key' : 'optional' };
}

/** The secret as given, checked for its kind; undefined when none was given. */
export function checkSecret(input: Pick<ProviderInput, 'client_secret' | 'private_key'>, needed: 'client_secret' | 'private_key' | 'optional', creating: boolean): string | undefined {
  const other = needed === 'private_key' ? 'client_secret' : 'private_key';
  if (needed !== 'optional' && input[other] !== undefined) throw invalidField('identity_provider.invalid', other, `this provider takes a ${needed.replace('_', ' ')}, not a ${other.replace('_', ' ')}`);
  const secret = needed === 'private_key' || (needed === 'optional' && input.private_key !== undefined) ? input.private_key : input.client_secret;
  if (secret === undefined) {
    if (creating && needed !== 'optional') throw invalidField('identity_provider.invalid', needed, 'is needed to sign in with this provider');
    return undefined;
  }
  if (Buffer.byteLength(secret) > providerLimits.secretBytes) throw invalidField('identity_provider.invalid', needed === 'optional' ? 'private_key' : needed, 'is too long');
  if (secret === input.private_key) {
    try {
      createPrivateKey(secret);
    } catch {
      throw invalidField('identity_provider.invalid', 'private_key', 'must be a PEM private key');
    }
  }
  return secret;
}

/** A new provider's fields (defaults filled in) and the secret to seal. */
export function fieldsForCreate(input: ProviderInput): { fields: ProviderFields; secret: string | undefined } {
  const { secret: needed, ...protocol } = protocolOf(input);
  const fields = settleProviderFields({
    slug: input.slug,
    displayName: input.display_name,
    iconUrl: input.icon_url ? checkUrl(input.icon_url, 'icon_url') : null,
    position: input.position ?? 0,
    enabled: input.enabled ?? true,
    ...protocol,
    scopes: input.scopes ?? protocol.scopes,
    prompt: input.prompt ?? null,
    authorizeParams: input.authorize_params ?? {},
    allowedEmailDomains: input.allowed_email_domains ?? [],
    trustEmail: input.trust_email ?? false,
    firstSignIn: input.first_sign_in ?? 'create',
    linkByEmail: input.link_by_email ?? false,
    mapping: { fields: {}, custom: {}, tags: [], roles: [], ...input.mapping },
    syncOnSignIn: input.sync_on_sign_in ?? false,
    satisfiesMfa: input.satisfies_mfa ?? false,
  });
  return { fields, secret: checkSecret(input, needed, true) };
}

/**
 * A change: the given fields replace the current ones and the whole is checked again. The kind and
 * preset stay; protocol settings given replace the current ones whole.
 */
export function fieldsForUpdate(current: ProviderFields, changes: Partial<ProviderInput>): { fields: ProviderFields; secret: string | undefined } {
  if (changes.preset !== undefined && changes.preset !== current.preset) throw invalidField('identity_provider.invalid', 'preset', 'cannot change: add another provider');
  const part = current.preset !== null ? 'preset_settings' : current.kind;
  const kindParts = ['preset_settings', 'oidc', 'oauth2', 'saml'] as const;
  const wrong = kindParts.find((name) => name !== part && changes[name] !== undefined);
  if (wrong) throw invalidField('identity_provider.invalid', wrong, `cannot change the kind of provider (it is ${current.preset ?? current.kind})`);
  const replaced = changes[part] === undefined ? undefined : protocolOf({ slug: current.slug, display_name: current.displayName, ...(current.preset ? { preset: current.preset } : {}), [part]: changes[part] });
  const needed = replaced?.secret ?? (current.kind === 'saml' ? 'optional' : current.preset === 'apple' ? 'private_key' : 'client_secret');
  const fields = settleProviderFields({
    ...current,
    ...(replaced ? { protocol: replaced.protocol } : {}),
    ...(changes.slug !== undefined ? { slug: changes.slug } : {}),
    ...(changes.display_name !== undefined ? { displayName: changes.display_name } : {}),
    ...(changes.icon_url !== undefined ? { iconUrl: changes.icon_url === null ? null : checkUrl(changes.icon_url, 'icon_url') } : {}),
    ...(changes.position !== undefined ? { position: changes.position } : {}),
    ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
    ...(changes.scopes !== undefined ? { scopes: changes.scopes } : {}),
    ...(changes.prompt !== undefined ? { prompt: changes.prompt } : {}),
    ...(changes.authorize_params !== undefined ? { authorizeParams: changes.authorize_params } : {}),
    ...(changes.allowed_email_domains !== undefined ? { allowedEmailDomains: changes.allowed_email_domains } : {}),
    ...(changes.trust_email !== undefined ? { trustEmail: changes.trust_email } : {}),
    ...(changes.first_sign_in !== undefined ? { firstSignIn: changes.first_sign_in } : {}),
    ...(changes.link_by_email !== undefined ? { linkByEmail: changes.link_by_email } : {}),
    ...(changes.mapping !== undefined ? { mapping: { fields: {}, custom: {}, tags: [], roles: [], ...changes.mapping } } : {}),
    ...(changes.sync_on_sign_in !== undefined ? { syncOnSignIn: changes.sync_on_sign_in } : {}),
    ...(changes.satisfies_mfa !== undefined ? { satisfiesMfa: changes.satisfies_mfa } : {}),
  });
  return { fields, secret: checkSecret(changes, needed, false) };
}
