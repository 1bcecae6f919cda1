import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { UserService } from '../../users/user-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, MAX_INT32, Page, PageQuery } from '../schemas.ts';
import { CreateUserBody, LockUserBody, PatchUserBody, SessionResponse, SetPasswordBody, toSessionResponse, toUserResponse, UserFilterQuery, UserResponse } from './user-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
const SessionParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.'), session: id('Session id.') });

const ListUsersQuery = Type.Object({ ...UserFilterQuery, ...PageQuery }, { additionalProperties: false });
const GetUserQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_INT32, description: 'An earlier version.' })) }, { additionalProperties: false });
const SessionsQuery = Type.Object(PageQuery, { additionalProperties: false });

const NoContent = Type.Null({ description: 'No content.' });

/**
 * /admin/v1/realms/{realm}/users: reads need `realm.read` on the realm, changes `realm.manage`.
 * Each handler resolves the realm, checks the operator's permission on it and makes one call.
 */
export function adminUserRoutes(deps: { users: UserService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { users, lookup } = deps;

  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['users'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/users';

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ListUsersQuery> }>(
      base,
      schema('List users', { params: RealmParams, querystring: ListUsersQuery }, { 200: Page(UserResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const { limit, cursor, ...filters } = request.query;
        const page = await users.list(realm, filters, { limit, cursor });
        return { items: page.items.map(toUserResponse), next_cursor: page.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CreateUserBody> }>(
      base,
      schema('Create a user', { params: RealmParams, body: CreateUserBody }, { 201: UserResponse }, 400, 409, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        const user = await users.create(realm, request.body, actor, originOf(request));
        return reply.status(201).send(toUserResponse(user));
      },
    );

    app.get<{ Params: Static<typeof UserParams>; Querystring: Static<typeof GetUserQuery> }>(
      `${base}/:user`,
      schema('Get a user, or with ?version=N an earlier version', { params: UserParams, querystring: GetUserQuery }, { 200: UserResponse }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return toUserResponse(await users.get(realm, request.params.user, request.query.version));
      },
    );

    app.patch<{ Params: Static<typeof UserParams>; Body: Static<typeof PatchUserBody> }>(
      `${base}/:user`,
      schema('Change a user (only the fields given; null clears)', { params: UserParams, body: PatchUserBody }, { 200: UserResponse }, 400, 409, 422),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toUserResponse(await users.update(realm, request.params.user, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof UserParams> }>(
      `${base}/:user`,
      schema('Delete a user (their identifiers become free) and end their sessions', { params: UserParams }, { 204: NoContent }, 409, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await users.remove(realm, request.params.user, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof UserParams>; Body: Static<typeof LockUserBody> }>(
      `${base}/:user/lock`,
      {
        ...schema('Lock a user and end their sessions (the body is optional)', { params: UserParams, body: LockUserBody }, { 200: UserResponse }, 400, 409, 422),
        // A lock needs no reason, so a request without a body is the empty object.
        preValidation: async (request: FastifyRequest) => {
          request.body ??= {};
        },
      },
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toUserResponse(await users.lock(realm, request.params.user, request.body.reason ?? null, actor, originOf(request)));
      },
    );

    app.post<{ Params: Static<typeof UserParams> }>(
      `${base}/:user/unlock`,
      schema('Unlock a user', { params: UserParams }, { 200: UserResponse }, 409),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toUserResponse(await users.unlock(realm, request.params.user, actor, originOf(request)));
      },
    );

    app.put<{ Params: Static<typeof UserParams>; Body: Static<typeof SetPasswordBody> }>(
      `${base}/:user/password`,
      schema("Set a user's password and end their sessions", { params: UserParams, body: SetPasswordBody }, { 204: NoContent }, 400, 409, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await users.setPassword(realm, request.params.user, request.body.password, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof UserParams> }>(
      `${base}/:user/logout`,
      schema("End all of a user's sessions", { params: UserParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await users.logoutAll(realm, request.params.user, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.get<{ Params: Static<typeof UserParams>; Querystring: Static<typeof SessionsQuery> }>(
      `${base}/:user/sessions`,
      schema("List a user's live sessions, newest first", { params: UserParams, querystring: SessionsQuery }, { 200: Page(SessionResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const page = await users.listSessions(realm, request.params.user, request.query);
        return { items: page.items.map(toSessionResponse), next_cursor: page.next_cursor };
      },
    );

    app.delete<{ Params: Static<typeof SessionParams> }>(
      `${base}/:user/sessions/:session`,
      schema('End one session of a user', { params: SessionParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await users.revokeSession(realm, request.params.user, request.params.session, actor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
