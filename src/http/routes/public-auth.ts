import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../auth/auth-service.ts';
import type { AuthorizingValidator, RealmLookup } from '../../contracts.ts';
import { MAX_PASSWORD_LENGTH } from '../../platform/passwords.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, JsonObject, Nullable } from '../schemas.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import { TokenResponse, TokensOrStep, toAnswer } from './sign-in-schema.ts';
import { AccessSchema } from './user-schema.ts';

export const RealmParams = Type.Object({ realm: Type.String({ description: 'Realm id or slug.' }) });
type RealmParams = Static<typeof RealmParams>;

const LoginBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 320, description: 'Email, username or mobile number.' }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

const RefreshToken = Type.String({ minLength: 1, maxLength: 512 });
const RefreshBody = Type.Object({ refresh_token: RefreshToken }, { additionalProperties: false });
const LogoutBody = Type.Object({ refresh_token: Type.Optional(RefreshToken) }, { additionalProperties: false });


const ValidateResponse = Type.Object({
  claims: JsonObject('The access token claims.'),
  access: AccessSchema,
  user_id: Type.String(),
  session_id: Nullable(Type.String()),
  roles: Type.Array(Type.String(), { description: "Slugs of the user's roles in force now (assigned, active, inside their window, and what they include)." }),
  permissions: Type.Array(Type.String(), { description: 'The union of those roles\' permissions.' }),
});

const tags = ['auth'];
const bearer = [{ bearer: [] }];

/**
 * Public sign-in endpoints of a realm: login, refresh, logout, validate. `validator` answers
 * validate: the native one, or one that also accepts the realm's other tokens (OpenID Connect).
 */
export function publicAuthRoutes(deps: { lookup: RealmLookup; auth: AuthService; flows: Pick<FlowService, 'passwordLogin'>; validator: AuthorizingValidator }): RouteTree {
  const realmOf = (params: RealmParams) => resolveActiveRealm(deps.lookup, params.realm);

  return async (app: FastifyInstance) => {
    app.post<{ Params: RealmParams; Body: Static<typeof LoginBody> }>(
      '/realms/:realm/auth/login',
      {
        schema: {
          tags,
          summary: 'Sign in with an identifier and password',
          params: RealmParams,
          body: LoginBody,
          description:
            'Tokens when the password is the whole proof; otherwise `{ mfa_required: true, flow_id, methods }` (or `enrolment_required`): continue at `POST /realms/{realm}/auth/flows/{flow}/verify`.',
          response: { 200: TokensOrStep, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => toAnswer(await deps.flows.passwordLogin(await realmOf(request.params), request.body, originOf(request))),
    );

    app.post<{ Params: RealmParams; Body: Static<typeof RefreshBody> }>(
      '/realms/:realm/auth/refresh',
      {
        schema: {
          tags,
          summary: 'Exchange a refresh token for new tokens (the old one is used up)',
          params: RealmParams,
          body: RefreshBody,
          response: { 200: TokenResponse, ...errorResponses(400, 401, 404, 429, 503) },
        },
      },
      async (request) => deps.auth.refresh(await realmOf(request.params), request.body.refresh_token, originOf(request)),
    );

    app.post<{ Params: RealmParams; Body: Static<typeof LogoutBody> }>(
      '/realms/:realm/auth/logout',
      {
        schema: {
          tags,
          summary: 'End the session of a bearer access token or of a refresh token in the body',
          security: bearer,
          params: RealmParams,
          body: LogoutBody,
          response: { 204: Type.Null({ description: 'The session has ended (or had already).' }), ...errorResponses(400, 401, 404) },
        },
        // With a bearer token the body is optional; an absent one validates as empty.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request, reply) => {
        const realm = await realmOf(request.params);
        const refreshToken = request.body.refresh_token;
        const credential = refreshToken === undefined ? { accessToken: bearerToken(request) } : { refreshToken };
        await deps.auth.logout(realm, credential, originOf(request));
        return reply.status(204).send();
      },
    );

    app.get<{ Params: RealmParams }>(
      '/realms/:realm/auth/validate',
      {
        schema: {
          tags,
          summary: "Check a bearer access token and return its claims and the user's current access",
          security: bearer,
          params: RealmParams,
          response: { 200: ValidateResponse, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const validated = await deps.validator.validate(await realmOf(request.params), bearerToken(request));
        return {
          claims: validated.claims,
          access: validated.access,
          user_id: validated.userId,
          session_id: validated.sessionId,
          roles: validated.roles,
          permissions: validated.permissions,
        };
      },
    );
  };
}
