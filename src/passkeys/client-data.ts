/**
 * What a browser sends back from a WebAuthn ceremony is untrusted input. These checks read the
 * parts we decide on before any cryptography (the challenge to look up, the origin, the ceremony
 * type), so each refusal has a stable reason; @simplewebauthn/server then checks the rest (RP ID
 * hash, flags, attestation or signature).
 */

export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
}

export type Ceremony = 'webauthn.create' | 'webauthn.get';

/** Why a ceremony was refused, as recorded in events (never shown in detail to the client). */
export type RefusalReason =
  | 'malformed_response'
  | 'wrong_ceremony'
  | 'challenge_mismatch'
  | 'origin_not_allowed'
  | 'cross_origin'
  | 'rp_id_mismatch'
  | 'user_verification_required'
  | 'user_not_present'
  | 'unknown_credential'
  | 'user_handle_mismatch'
  | 'bad_signature'
  | 'counter_regressed'
  | 'concurrent_use'
  | 'invalid_attestation';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export const isBase64Url = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && BASE64URL.test(value);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields both ceremonies need, in the shape of WebAuthn's `PublicKeyCredential.toJSON()`. */
export function hasCredentialShape(value: unknown, responseFields: readonly string[]): value is { id: string; rawId: string; type: string; response: Record<string, string> } {
  if (!isObject(value) || !isBase64Url(value.id) || value.rawId !== value.id || value.type !== 'public-key') return false;
  const response = value.response;
  return isObject(response) && responseFields.every((field) => isBase64Url(response[field]));
}

export function readClientData(encoded: string): ClientData | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (!isObject(parsed) || typeof parsed.type !== 'string' || typeof parsed.challenge !== 'string' || typeof parsed.origin !== 'string') return undefined;
    return { type: parsed.type, challenge: parsed.challenge, origin: parsed.origin, crossOrigin: parsed.crossOrigin === true };
  } catch {
    return undefined;
  }
}

/** The checks of the client data that need nothing but the expected values. */
/** `challenge`: the one issued, unless the caller found the challenge by its own value already. */
export function checkClientData(data: ClientData, expected: { ceremony: Ceremony; challenge?: string; origins: readonly string[] }): RefusalReason | undefined {
  if (data.type !== expected.ceremony) return 'wrong_ceremony';
  if (expected.challenge !== undefined && data.challenge !== expected.challenge) return 'challenge_mismatch';
  if (!expected.origins.includes(data.origin)) return 'origin_not_allowed';
  // Ceremonies inside another site's frame are not something a realm's pages do.
  if (data.crossOrigin) return 'cross_origin';
  return undefined;
}

/** The library throws plain Errors; the few it shares with us get their own reason. */
export function reasonOfLibraryError(error: unknown, fallback: RefusalReason): RefusalReason {
  const message = error instanceof Error ? error.message : '';
  if (/RP ID/i.test(message)) return 'rp_id_mismatch';
  if (/user verification/i.test(message)) return 'user_verification_required';
  if (/not present|presence/i.test(message)) return 'user_not_present';
  return fallback;
}
