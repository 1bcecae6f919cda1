import { crc32 } from 'node:zlib';
import { randomBase62 } from '../platform/ids.ts';

/**
 * The text of an API key (docs/authorization.md#api-keys):
 *   <prefix><id>_<secret><checksum>
 * prefix: the realm's `api_keys.prefix`, else `kr_` (so secret scanners can match it);
 * id: 16 base62 characters, the key's public id (the server looks the key up by it, never scans);
 * secret: 32 base62 characters (~190 random bits);
 * checksum: CRC32 of everything before it, 6 base62 characters, so a typo is refused without a
 * database read (and a scanner can tell a real key from a look-alike).
 */
export const DEFAULT_PREFIX = 'kr_';
const ID_LENGTH = 16;
const SECRET_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TAIL = new RegExp(`([0-9A-Za-z]{${ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);
/** Generous: the longest prefix (32) and the fixed parts. */
export const MAX_KEY_LENGTH = 32 + ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;

function checksum(text: string): string {
  let value = crc32(text);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function newKeyId(): string {
  return randomBase62(ID_LENGTH);
}

/** A new key's full text for the key id. */
export function formatKey(prefix: string | null, id: string): string {
  const body = `${prefix ?? DEFAULT_PREFIX}${id}_${randomBase62(SECRET_LENGTH)}`;
  return body + checksum(body);
}

/** The key id of a well-formed key with a correct checksum; undefined for anything else. */
export function parseKey(text: string): { id: string } | undefined {
  if (text.length > MAX_KEY_LENGTH) return undefined;
  const match = TAIL.exec(text);
  if (!match || match.index === 0) return undefined;
  const body = text.slice(0, text.length - CHECKSUM_LENGTH);
  return checksum(body) === match[3] ? { id: match[1] } : undefined;
}

/** Whether a bearer credential is shaped like an API key rather than a JWT (which has dots). */
export function looksLikeApiKey(text: string): boolean {
  return !text.includes('.') && TAIL.test(text);
}
