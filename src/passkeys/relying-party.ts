import { memoise } from '../platform/lazy.ts';
import type { Realm } from '../realms/realm.ts';

/**
 * The WebAuthn library, loaded by the first passkey ceremony: with its ASN.1 and certificate
 * dependencies it costs about 25 MB, which realms without passkeys never need.
 */
export const loadWebAuthn = memoise(() => import('@simplewebauthn/server'));

/**
 * The WebAuthn relying party a realm speaks as: its id (the domain passkeys are bound to), the name
 * authenticators show, the origins whose ceremonies count, and how strictly the user must be
 * verified. Unset settings fall back to the server's public URL, so a realm works with no setup
 * when its pages are served from the server's own host.
 */
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
  userVerification: 'required' | 'preferred';
  attestation: 'none' | 'direct';
}

export function relyingPartyOf(realm: Pick<Realm, 'passkeys' | 'name' | 'public_info'>, publicUrl: string): RelyingParty {
  const server = new URL(publicUrl);
  const { passkeys } = realm;
  return {
    id: passkeys.rp_id ?? server.hostname,
    name: passkeys.rp_name ?? realm.public_info.display_name ?? realm.name,
    origins: passkeys.allowed_origins.length > 0 ? [...passkeys.allowed_origins] : [server.origin],
    userVerification: passkeys.user_verification,
    attestation: passkeys.attestation,
  };
}

/** The WebAuthn user handle: opaque bytes naming the user, never an email or other personal data. */
export const userHandleOf = (userId: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(userId, 'utf8'));

export const userHandleText = (userId: string): string => Buffer.from(userId, 'utf8').toString('base64url');

/** RFC 8176: `hwk` for a key bound to one device, `swk` for a synced one, plus `user` when the user was verified. */
export function amrOfPasskey(deviceType: 'singleDevice' | 'multiDevice', userVerified: boolean): string[] {
  return [deviceType === 'singleDevice' ? 'hwk' : 'swk', ...(userVerified ? ['user'] : [])];
}
