import { createHmac, createSecretKey, hkdfSync } from 'node:crypto';
import { normalizeMobile, usernameKey } from '../users/identifiers.ts';

/**
 * What the event log, webhooks and the per-identifier limits keep of an identifier someone typed:
 * enough to correlate attempts, not to read it. It is taken of the form sign-in looks the
 * identifier up by (trimmed, lower-cased, a phone number without separators), so retyping one
 * account's identifier differently neither escapes a limit nor looks like another account.
 *
 * Keyed (HMAC-SHA-256, with a key derived from the master key), not a bare hash: an identifier
 * is often an address anyone can guess, and people type passwords into the identifier field, so
 * a bare SHA-256 in an event or a webhook would give them up to a dictionary run offline.
 */
export type IdentifierHash = (realmId: string, identifier: string) => string;

export function identifierHashing(masterKey: Buffer): IdentifierHash {
  const key = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, '', 'keyrealm identifier hash', 32)));
  return (realmId, identifier) => {
    const canonical = normalizeMobile(identifier) ?? usernameKey(identifier);
    return createHmac('sha256', key).update(`${realmId}:${canonical}`).digest('hex');
  };
}
