import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Opaque bearer secrets (refresh tokens, later one-time links and codes) are stored only as their
 * SHA-256; a high-entropy secret needs no salt.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
