import type { Kysely } from 'kysely';
import type { ApplicationDirectory, KeyRing } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { issuerOf } from '../tokens/access-tokens.ts';
import { CUTOFF_MODEL, isClientCredentialsJwt, issuedBeforeCutoff, isRevokedRecord } from './client-credentials-tokens.ts';
import { verifyRealmJwt, type AccessTokenRecordId } from './jwt-access-tokens.ts';
import { oidcStore } from './oidc-store.ts';

/** A client-credentials token that still stands: whose it is, whom it is meant for, until when (epoch ms). */
export interface ClientCredentialsToken {
  clientId: string;
  audience: string[];
  expiresAt: number;
}

export type VerifyClientCredentials = (realm: Realm, token: string) => Promise<ClientCredentialsToken | undefined>;

/**
 * A client-credentials access token of a realm's provider, checked as introspection would: the
 * realm's keys and issuer, issued to a machine application still switched on, not
 * revoked, and not from before the application was last switched off (its cut-off).
 * Undefined for anything else: a user's token, another realm's, a forged or expired one. Whether
 * its audience is one the caller serves is the caller's to judge.
 */
export function createClientCredentialsVerifier(deps: {
  db: Kysely<Schema>;
  keys: KeyRing;
  applications: Pick<ApplicationDirectory, 'findByClientId'>;
  publicUrl: string;
  clock: Clock;
  recordId: AccessTokenRecordId;
}): VerifyClientCredentials {
  return async (realm, token) => {
    if (realm.state !== 'active') return undefined;
    const issuer = issuerOf(deps.publicUrl, realm.id);
    // oidc-provider signs by the system clock; its tokens are checked by the same clock.
    const now = Date.now();
    const verified = await verifyRealmJwt(deps.keys, realm.id, issuer, token, now);
    if (!verified || !isClientCredentialsJwt(verified.claims)) return undefined;
    const clientId = String(verified.claims.client_id);
    const application = await deps.applications.findByClientId(realm.id, clientId);
    if (!application?.enabled || application.kind !== 'machine') return undefined;
    const record = await oidcStore.find(deps.db, realm.id, 'ClientCredentials', { id: deps.recordId(realm.id, verified.jti) }, now, deps.clock.now());
    if (record && isRevokedRecord(record)) return undefined;
    const cutoff = await oidcStore.find(deps.db, realm.id, CUTOFF_MODEL, { id: clientId }, now, deps.clock.now());
    if (issuedBeforeCutoff(cutoff, verified.claims.iat)) return undefined;
    const audience = verified.claims.aud;
    return { clientId, audience: (Array.isArray(audience) ? audience : [audience]).filter((aud): aud is string => typeof aud === 'string'), expiresAt: Number(verified.claims.exp) * 1000 };
  };
}
