import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import type { Actor, RequestOrigin } from '../../events/event-log.ts';
import type { Realm } from '../../realms/realm.ts';
import type { Session } from '../../sessions/session-store.ts';
import type { Page, PageRequest } from '../../storage/pagination.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Page as PageOf, PageQuery } from '../schemas.ts';
import { signedIn } from './account.ts';
import { RealmParams } from './public-auth.ts';
import { SessionResponse, toSessionResponse } from './user-schema.ts';

/** What a user's own session management needs of the user service. */
export interface AccountSessionUsers {
  listSessions(realm: Realm, userId: string, page: PageRequest): Promise<Page<Session>>;
  revokeSession(realm: Realm, userId: string, sessionId: string, actor: Actor, origin: RequestOrigin): Promise<void>;
  logoutAll(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin, keepSessionId?: string): Promise<void>;
}

const OwnSession = Type.Composite([SessionResponse, Type.Object({ current: Type.Boolean({ description: 'The session of the token making this request.' }) })]);
const SessionParams = Type.Object({ realm: Type.String(), session: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const SessionsQuery = Type.Object(PageQuery, { additionalProperties: false });
const NoContent = Type.Null({ description: 'No content.' });

const tags = ['account'];
const security = [{ bearer: [] }];

/** The signed-in user's own sessions: see them (device, IP, times), end one, or end all the others. */
export function accountSessionRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; users: AccountSessionUsers }): RouteTree {
  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof SessionsQuery> }>(
      '/realms/:realm/account/sessions',
      {
        schema: {
          tags,
          summary: "The signed-in user's live sessions, newest first",
          security,
          params: RealmParams,
          querystring: SessionsQuery,
          response: { 200: PageOf(OwnSession), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { realm, userId, sessionId } = await signedIn(deps, request);
        const page = await deps.users.listSessions(realm, userId, request.query);
        return { items: page.items.map((s) => ({ ...toSessionResponse(s), current: s.id === sessionId })), next_cursor: page.next_cursor };
      },
    );

    app.delete<{ Params: Static<typeof SessionParams> }>(
      '/realms/:realm/account/sessions/:session',
      {
        schema: { tags, summary: 'End one of your own sessions', security, params: SessionParams, response: { 204: NoContent, ...errorResponses(401, 404) } },
      },
      async (request, reply) => {
        const { realm, userId } = await signedIn(deps, request);
        await deps.users.revokeSession(realm, userId, request.params.session, { type: 'user', id: userId }, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account/sessions/revoke-others',
      {
        schema: {
          tags,
          summary: 'Sign out everywhere else: end every session but the current one',
          security,
          params: RealmParams,
          response: { 204: NoContent, ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const { realm, userId, sessionId } = await signedIn(deps, request);
        await deps.users.logoutAll(realm, userId, { type: 'user', id: userId }, originOf(request), sessionId ?? undefined);
        return reply.status(204).send();
      },
    );
  };
}
