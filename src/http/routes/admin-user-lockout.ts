import { Type, type Static } from '@sinclair/typebox';
import type { LockoutAdmin } from '../../auth/lockout.ts';
import type { RealmLookup } from '../../contracts.ts';
import { resolveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { authorize, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, Nullable } from '../schemas.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
const NoQuery = Type.Object({}, { additionalProperties: false });

const LockoutResponse = Type.Object({
  failures: Type.Integer({ description: 'Consecutive failed sign-ins counted now (forgotten 24 h after the last one).' }),
  locks: Type.Integer({ description: 'Temporary locks taken in this run of failures.' }),
  locked_until: Nullable(Type.String({ format: 'date-time', description: 'The end of the temporary lock in force; null when none is.' })),
  locked: Type.Boolean({ description: 'The user row is locked (by an operator, or for good by the guard).' }),
  locked_reason: Nullable(Type.String()),
});

/** GET /admin/v1/realms/{realm}/users/{user}/lockout: the user's brute-force state, for operators (`realm.read`). */
export function adminUserLockoutRoutes(deps: { lockout: LockoutAdmin; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Params: Static<typeof UserParams>; Querystring: Static<typeof NoQuery> }>(
      '/admin/v1/realms/:realm/users/:user/lockout',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: "A user's failed sign-ins and locks (POST …/unlock ends them)",
          params: UserParams,
          querystring: NoQuery,
          response: { 200: LockoutResponse, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const realm = await resolveRealm(deps.lookup, request.params.realm);
        authorize(request, { kind: 'realm.read', realmId: realm.id, isSystem: realm.is_system });
        const lockout = await deps.lockout.status(realm, request.params.user);
        return { ...lockout, locked_until: lockout.locked_until === null ? null : new Date(lockout.locked_until).toISOString() };
      },
    );
  };
}
