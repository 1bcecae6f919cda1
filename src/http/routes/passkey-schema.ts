import { Type, type TProperties } from '@sinclair/typebox';
import type { Passkey } from '../../passkeys/passkey-store.ts';
import { JsonObject, Nullable, OneLine, Timestamp } from '../schemas.ts';

/**
 * Request and response shapes of the passkey routes. The credentials are what the browser's
 * `PublicKeyCredential.toJSON()` gives (WebAuthn Level 3), field for field, so unknown fields are
 * refused; their content (signatures, CBOR) is checked by the passkey module.
 */
const strict = { additionalProperties: false } as const;
const Base64Url = (description: string, maxLength = 16_384) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+$', description });
const CredentialId = Base64Url('The credential id, base64url.', 1400);
const Attachment = Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')]));
const ExtensionResults = JsonObject('Client extension results (e.g. `credProps`).');

/** The envelope both WebAuthn answers share (`PublicKeyCredential.toJSON()`), around their own `response`. */
const publicKeyCredential = <R extends TProperties>(response: R, description: string) =>
  Type.Object(
    {
      id: CredentialId,
      rawId: CredentialId,
      type: Type.Literal('public-key'),
      authenticatorAttachment: Attachment,
      clientExtensionResults: ExtensionResults,
      response: Type.Object(response, strict),
    },
    { ...strict, description },
  );

export const RegistrationCredential = publicKeyCredential(
  {
    clientDataJSON: Base64Url('base64url.'),
    attestationObject: Base64Url('base64url CBOR.', 65_536),
    authenticatorData: Type.Optional(Base64Url('base64url.', 65_536)),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
    publicKey: Type.Optional(Base64Url('base64url SPKI.')),
  },
  'What `navigator.credentials.create()` resolved to, as `PublicKeyCredential.toJSON()`.',
);

/** A WebAuthn assertion, as `navigator.credentials.get()` resolved to, through `toJSON()`. For the sign-in routes too. */
export const AssertionCredential = publicKeyCredential(
  {
    clientDataJSON: Base64Url('base64url.'),
    authenticatorData: Base64Url('base64url.'),
    signature: Base64Url('base64url.'),
    userHandle: Type.Optional(Nullable(Type.String({ maxLength: 128, description: 'base64url; present for discoverable credentials.' }))),
  },
  'What `navigator.credentials.get()` resolved to, as `PublicKeyCredential.toJSON()`.',
);

export const PasskeyName = OneLine({ minLength: 1, maxLength: 64, description: 'A name the user recognises, e.g. "Laptop".' });

export const RegistrationVerifyBody = Type.Object({ response: RegistrationCredential, name: Type.Optional(PasskeyName) }, strict);

export const CreationOptions = Type.Object(
  {
    challenge: Type.String({ description: 'base64url; single use, valid for five minutes.' }),
    rp: JsonObject('`{ id, name }`: the realm\u2019s relying party.'),
    user: JsonObject('`{ id, name, displayName }`; `id` is an opaque user handle.'),
    pubKeyCredParams: Type.Array(JsonObject()),
    timeout: Type.Optional(Type.Integer()),
    attestation: Type.Optional(Type.String()),
    excludeCredentials: Type.Optional(Type.Array(JsonObject(), { description: 'The user\u2019s passkeys, so an authenticator is not registered twice.' })),
    authenticatorSelection: Type.Optional(JsonObject('`residentKey: required` (discoverable) and the realm\u2019s `userVerification`.')),
    extensions: Type.Optional(JsonObject()),
    hints: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true, description: '`PublicKeyCredentialCreationOptionsJSON`: pass to `PublicKeyCredential.parseCreationOptionsFromJSON()` and `navigator.credentials.create()`.' },
);

export const RequestOptions = Type.Object(
  {
    challenge: Type.String({ description: 'base64url; single use, bound to the sign-in flow.' }),
    rpId: Type.Optional(Type.String()),
    timeout: Type.Optional(Type.Integer()),
    userVerification: Type.Optional(Type.String()),
    allowCredentials: Type.Optional(Type.Array(JsonObject(), { description: 'Empty for a discoverable (passwordless) sign-in.' })),
    extensions: Type.Optional(JsonObject()),
    hints: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true, description: '`PublicKeyCredentialRequestOptionsJSON`: pass to `PublicKeyCredential.parseRequestOptionsFromJSON()` and `navigator.credentials.get()`.' },
);

export const PasskeyResponse = Type.Object({
  id: Type.String({ description: '`pk_…`' }),
  name: Type.String(),
  credential_id: Type.String({ description: 'The WebAuthn credential id, base64url.' }),
  device_type: Type.Union([Type.Literal('singleDevice'), Type.Literal('multiDevice')], { description: '`multiDevice`: a synced passkey.' }),
  backed_up: Type.Boolean(),
  transports: Type.Array(Type.String()),
  aaguid: Type.String({ description: 'The authenticator model (all zeros when attestation is `none` and the authenticator hides it).' }),
  created_at: Timestamp,
  last_used_at: Nullable(Timestamp),
});

export const PasskeyList = Type.Object({ items: Type.Array(PasskeyResponse, { description: 'Oldest first; public data only.' }) });

export function toPasskeyResponse(passkey: Passkey) {
  return {
    id: passkey.id,
    name: passkey.name,
    credential_id: passkey.credentialId,
    device_type: passkey.deviceType,
    backed_up: passkey.backedUp,
    transports: passkey.transports,
    aaguid: passkey.aaguid,
    created_at: new Date(passkey.createdAt).toISOString(),
    last_used_at: passkey.lastUsedAt === null ? null : new Date(passkey.lastUsedAt).toISOString(),
  };
}
