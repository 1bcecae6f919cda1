import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../auth/auth-service.ts';
import { MAX_PASSWORD_LENGTH } from '../../platform/passwords.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { validateAnswer, ValidateResponse, type ValidateDeps } from '../validate-answer.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import { TokenResponse, TokensOrStep, toAnswer } from './sign-in-schema.ts';
import { TenantRef } from './tenant-schema.ts';

export const RealmParams = Type.Object({ realm: Type.String({ description: 'Realm id or slug.' }) });
type RealmParams = Static<typeof RealmParams>;

const LoginBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 320, description: 'Email, username or mobile number.' }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    tenant: Type.Optional(TenantRef("The tenant (id or slug) to sign in to; the user must be a member of it. Without it: the user's only tenant, if they have exactly one.")),
  },
  { additionalProperties: false },
);

const RefreshToken = Type.String({ minLength: 1, maxLength: 512 });
const RefreshBody = Type.Object(
  { refresh_token: RefreshToken, tenant: Type.Optional(TenantRef("Switch the session to this tenant (id or slug); the user must be a member of it. Without it: the session's tenant.")) },
  { additionalProperties: false },
);
const LogoutBody = Type.Object({ refresh_token: Type.Optional(RefreshToken) }, { additionalProperties: false });


const tags = ['auth'];
const bearer = [{ bearer: [] }];

/**
 * Public sign-in endpoints of a realm: login, refresh, logout, validate. `validator` answers
 * validate: the native one, or one that also accepts the realm's other tokens (OpenID Connect).
 */
export function publicAuthRoutes(deps: ValidateDeps & { auth: AuthService; flows: Pick<FlowService, 'passwordLogin'> }): RouteTree {
  const realmOf = (params: RealmParams) => resolveActiveRealm(deps.lookup, params.realm);
  const answerValidate = validateAnswer(deps);

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
          response: { 200: TokenResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => deps.auth.refresh(await realmOf(request.params), request.body.refresh_token, originOf(request), request.body.tenant),
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
          description: 'An API key as the bearer credential is answered with the key, its owner, capabilities and expiry instead (docs/authorization.md#api-keys).',
          security: bearer,
          params: RealmParams,
          response: { 200: ValidateResponse, ...errorResponses(401, 404) },
        },
      },
      async (request) => answerValidate(request.params.realm, request.headers.authorization, originOf(request).ip),
    );
  };
}
