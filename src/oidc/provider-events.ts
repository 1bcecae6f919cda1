import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KoaContext } from 'oidc-provider';
import type { EventLog, NewEvent } from '../events/event-log.ts';
import type { Logger } from '../platform/logger.ts';
import type { Schema } from '../storage/schema.ts';
import type { RealmProvider } from './realm-provider.ts';
import { originOfRequest } from './request-origins.ts';

/**
 * The realm's event log hears what a demanding operator needs from the provider (docs/events.md):
 * codes issued, reuse of a refresh token or code (its grant ended), back-channel logout failures.
 * Never a token, code or secret: a grant is named by a short hash of its id.
 */
const grantRef = (grantId: string) => createHash('sha256').update(grantId).digest('base64url').slice(0, 16);

const originOf = (ctx: KoaContext | undefined) => originOfRequest(ctx?.req);

export function recordProviderEvents(built: RealmProvider, deps: { db: Kysely<Schema>; events: EventLog; logger: Logger }): void {
  const realmId = built.realm.id;
  // oidc-provider's events are synchronous notifications; the record is written beside the answer.
  const record = (event: Omit<NewEvent, 'realmId'>) =>
    void deps.events.record(deps.db, { realmId, ...event }).catch((error: unknown) => deps.logger.warn({ err: error, type: event.type }, 'an OpenID Connect event could not be recorded'));

  built.provider.on('authorization_code.saved', (code: { accountId?: string; clientId?: string; scope?: string }) => {
    const ctx = (built.provider.constructor as { ctx?: KoaContext }).ctx;
    record({ type: 'oidc.authorized', actor: { type: 'user', id: code.accountId ?? null }, userId: code.accountId ?? null, origin: originOf(ctx), details: { client_id: code.clientId, scopes: (code.scope ?? '').split(' ').filter(Boolean) } });
  });
  built.provider.on('grant.revoked', (ctx: KoaContext, grantId: string) => {
    // At the token endpoint a grant ends for one reason: a spent refresh token or code came back.
    if (ctx.oidc.route !== 'token') return;
    const refreshToken = ctx.oidc.entities.RefreshToken;
    const type = refreshToken?.consumed ? 'oidc.token_refresh_reused' : ctx.oidc.params.grant_type === 'authorization_code' ? 'oidc.code_reused' : undefined;
    if (!type) return;
    const userId = refreshToken?.accountId ?? null;
    record({ type, actor: { type: 'user', id: userId }, userId, origin: originOf(ctx), details: { client_id: ctx.oidc.client?.clientId, grant_ref: grantRef(grantId) } });
  });
  built.provider.on('backchannel.error', (ctx: KoaContext, error: Error, client: { clientId: string }) => {
    record({ type: 'oidc.backchannel_logout_failed', actor: { type: 'system', id: null }, origin: originOf(ctx), details: { client_id: client.clientId, reason: error.message } });
  });
}
