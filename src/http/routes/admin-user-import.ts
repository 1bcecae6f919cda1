import { Type, type Static } from '@sinclair/typebox';
import type { RealmLookup } from '../../contracts.ts';
import { resolveRealm } from '../../realms/resolve-realm.ts';
import { importLimits } from '../../users/user-import.ts';
import type { UserService } from '../../users/user-service.ts';
import type { RouteTree } from '../app.ts';
import { authorize, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { ErrorBody, errorResponses } from '../schemas.ts';
import { CreateUserBody } from './user-schema.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });

const ImportUsersBody = Type.Object(
  {
    users: Type.Array(CreateUserBody, {
      minItems: 1,
      maxItems: importLimits.maxUsers,
      description: `1 to ${importLimits.maxUsers} users, each as POST …/users takes it (usually with password_hash).`,
    }),
  },
  { additionalProperties: false },
);

const ImportUsersResponse = Type.Object({
  created: Type.Array(Type.Object({ index: Type.Integer({ description: 'Position in `users`.' }), id: Type.String() })),
  failed: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'Position in `users`.' }),
      code: Type.String({ description: 'The error code creating this user alone would have answered.' }),
      message: Type.String(),
      details: ErrorBody.properties.error.properties.details,
    }),
  ),
});

/**
 * POST /admin/v1/realms/{realm}/users/import: many users at once, each created in its own
 * transaction. A body that breaks the schema is refused whole; items the realm's rules refuse (or
 * whose identifiers are taken) are listed in `failed` while the others are created.
 */
export function adminUserImportRoutes(deps: { users: UserService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof ImportUsersBody> }>(
      '/admin/v1/realms/:realm/users/import',
      {
        bodyLimit: importLimits.maxBodyBytes,
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: 'Import users (with password hashes from another system); each user is created or fails on its own',
          params: RealmParams,
          body: ImportUsersBody,
          response: { 200: ImportUsersResponse, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const realm = await resolveRealm(deps.lookup, request.params.realm);
        const operator = authorize(request, { kind: 'realm.manage', realmId: realm.id, isSystem: realm.is_system });
        return deps.users.importUsers(realm, request.body.users, operator.actor, originOf(request));
      },
    );
  };
}
