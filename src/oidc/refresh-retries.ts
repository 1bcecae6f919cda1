import { createHmac } from 'node:crypto';
import type { RequestOrigin } from '../events/event-log.ts';
import type { OidcModelRow } from '../storage/schema.ts';
import { constantTimeEqual } from '../platform/opaque-tokens.ts';
import { purposeKey } from '../platform/master-key.ts';

/**
 * A refresh token used twice is reuse, which ends its grant (oidc-provider's rotation). But a
 * client that double-submits, or two tabs refreshing together, use the same token within
 * milliseconds, and ending the grant then signs the user out for nothing. As with the realm's own
 * refresh tokens (src/tokens/refresh-tokens.ts), a token used again within the realm's
 * `tokens.refresh_reuse_interval_seconds`, from the origin (IP and User-Agent) of the request that
 * used it first, is a retry and is served; from anywhere else, or later, it is reuse.
 *
 * Unlike the realm's own tokens, the provider cannot answer a retry with the successor it already
 * issued (it keeps no secret to derive it from), and a second successor would fork the grant into
 * two chains that reuse detection could no longer tell apart. So a retry is answered without
 * rotation: a new access token and the same, spent refresh token. Whoever keeps that answer's
 * refresh token and uses it after the interval is reuse; the first answer's successor is the one
 * chain. Two uses racing each other: the first wins, the second is refused without ending the grant.
 */
export type UsageFingerprint = (realmId: string, tokenId: string, origin: RequestOrigin) => string;

export function usageFingerprints(masterKey: Buffer): UsageFingerprint {
  const key = purposeKey(masterKey, 'keyrealm oidc refresh-token usage');
  return (realmId, tokenId, origin) => createHmac('sha256', key).update(JSON.stringify([realmId, tokenId, origin.ip, origin.userAgent])).digest('base64url');
}

/** Whether `row`, a used refresh token, is being retried by whoever used it, within `intervalMs`. */
export function isRetry(row: Pick<OidcModelRow, 'consumed_at' | 'consumed_by'>, fingerprint: string, intervalMs: number, now: number): boolean {
  if (row.consumed_at === null || row.consumed_by === null) return false;
  return now < Number(row.consumed_at) + intervalMs && constantTimeEqual(row.consumed_by, fingerprint);
}
