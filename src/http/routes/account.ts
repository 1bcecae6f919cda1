import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import type { RequestOrigin } from '../../events/event-log.ts';
import { AppError } from '../../errors.ts';
import { MAX_PASSWORD_LENGTH } from '../../platform/passwords.ts';
import type { Realm } from '../../realms/realm.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import { userLimits, type ProfileChanges } from '../../users/user-fields.ts';
import type { User } from '../../users/user.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, JsonObject, Nullable } from '../schemas.ts';
import { RealmParams } from './public-auth.ts';
import { toUserResponse, UserResponse } from './user-schema.ts';

/** What the account routes need of the user service. */
export interface AccountUsers {
  findById(realmId: string, userId: string): Promise<User | undefined>;
  updateProfile(realm: Realm, userId: string, patch: ProfileChanges & { fields?: Record<string, unknown> }, origin: RequestOrigin): Promise<User>;
  changePassword(
    realm: Realm,
    userId: string,
    currentPassword: string,
    newPassword: string,
    keepSessionId: string | null,
    origin: RequestOrigin,
  ): Promise<void>;
}

const Name = Nullable(Type.String({ maxLength: userLimits.nameLength }));
const ProfileBody = Type.Object(
  {
    first_name: Type.Optional(Name),
    middle_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
    display_name: Type.Optional(Name),
    fields: Type.Optional(JsonObject("The realm's registration fields, by name (kept in `custom`); null clears an optional one.")),
  },
  { additionalProperties: false, description: 'Only the fields given change; null clears one.' },
);
// The new password's length is a policy question answered by the users service (422 with a reason).
const PasswordBody = Type.Object(
  { current_password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }), new_password: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

const tags = ['account'];
const security = [{ bearer: [] }];

/** The signed-in user's own account: profile and password, authenticated by the bearer access token. */
/** The realm of the path and the validated bearer token of its signed-in user. */
export async function signedIn(deps: { lookup: RealmLookup; auth: TokenValidator }, request: FastifyRequest<{ Params: Static<typeof RealmParams> }>) {
  const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
  return { realm, ...(await deps.auth.validate(realm, bearerToken(request))) };
}

export function accountRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; users: AccountUsers }): RouteTree {

  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account',
      {
        schema: { tags, summary: 'The signed-in user', security, params: RealmParams, response: { 200: UserResponse, ...errorResponses(401, 404) } },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        const user = await deps.users.findById(realm.id, userId);
        // Deleted between validate and this read: the token no longer stands for anyone.
        if (!user) throw new AppError('auth.invalid_token', 'The access token is invalid or has expired.');
        return toUserResponse(user);
      },
    );

    app.patch<{ Params: Static<typeof RealmParams>; Body: Static<typeof ProfileBody> }>(
      '/realms/:realm/account',
      {
        schema: {
          tags,
          summary: "Change the signed-in user's names and registration fields",
          security,
          params: RealmParams,
          body: ProfileBody,
          response: { 200: UserResponse, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return toUserResponse(await deps.users.updateProfile(realm, userId, request.body, originOf(request)));
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof PasswordBody> }>(
      '/realms/:realm/account/password',
      {
        schema: {
          tags,
          summary: 'Change the password; every other session of the user ends',
          description:
            'Attempts are rate limited per user (`KEYREALM_RATE_LIMIT_PASSWORD_CHANGE_PER_USER`): 429 `request.rate_limited` with `Retry-After` beyond it. A wrong current password counts as a failed sign-in for the realm\'s brute-force guard, whose delays and locks answer 429 `auth.too_many_attempts`.',
          security,
          params: RealmParams,
          body: PasswordBody,
          response: { 204: Type.Null({ description: 'Changed; every other session has ended.' }), ...errorResponses(400, 401, 404, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const { realm, userId, sessionId } = await signedIn(deps, request);
        const { current_password, new_password } = request.body;
        await deps.users.changePassword(realm, userId, current_password, new_password, sessionId, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
