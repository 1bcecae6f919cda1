import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ACCOUNT_TOKEN_LENGTH } from '../../accounts/account-tokens.ts';
import type { EmailVerification } from '../../accounts/email-verification.ts';
import type { PasswordReset } from '../../accounts/password-reset.ts';
import type { SignUp } from '../../accounts/sign-up.ts';
import type { RealmLookup } from '../../contracts.ts';
import { MAX_PASSWORD_LENGTH } from '../../platform/passwords.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import { identifierLimits } from '../../users/identifiers.ts';
import { userLimits } from '../../users/user-fields.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, JsonObject, Timestamp } from '../schemas.ts';
import { RealmParams } from './public-auth.ts';

const strict = { additionalProperties: false } as const;
const Email = Type.String({ minLength: 1, maxLength: identifierLimits.emailLength });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: "Checked against the realm's password policy (422 with a reason code)." });
const Name = Type.String({ maxLength: userLimits.nameLength });
const Token = Type.String({ minLength: 1, maxLength: ACCOUNT_TOKEN_LENGTH * 2, description: 'The token from the emailed link.' });

const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    username: Type.Optional(Type.String({ minLength: 1, maxLength: identifierLimits.usernameLength })),
    mobile: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    first_name: Type.Optional(Name),
    middle_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
    display_name: Type.Optional(Name),
    fields: Type.Optional(JsonObject("Values of the realm's registration.fields, by name.")),
  },
  strict,
);
const Accepted = Type.Object({
  accepted: Type.Literal(true),
  email_verification_required: Type.Boolean({ description: 'Whether the account can sign in only after the emailed link is followed.' }),
});
const Queued = Type.Object({ accepted: Type.Literal(true) }, { description: 'The same answer whether or not the address has an account.' });
const TokenBody = Type.Object({ token: Token }, strict);
const TokenQuery = Type.Object({ token: Token }, strict);
const ResendBody = Type.Object({ email: Email }, strict);
const ForgotBody = Type.Object({ identifier: Type.String({ minLength: 1, maxLength: 320, description: 'Email, username or mobile number.' }) }, strict);
const ResetBody = Type.Object({ token: Token, password: Password }, strict);

const tags = ['account recovery'];

/**
 * The unauthenticated account endpoints of a realm: sign-up, email verification, forgotten
 * passwords. Requests that could reveal whether an address has an account answer 202 the same way
 * either way.
 */
export function publicAccountRecoveryRoutes(deps: { lookup: RealmLookup; signUp: SignUp; verification: EmailVerification; reset: PasswordReset }): RouteTree {
  const realmOf = (params: Static<typeof RealmParams>) => resolveActiveRealm(deps.lookup, params.realm);
  const queued = { accepted: true as const };

  return async (app: FastifyInstance) => {
    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof RegisterBody> }>(
      '/realms/:realm/auth/register',
      {
        schema: {
          tags,
          summary: 'Sign up (when the realm allows it); a verification link is emailed',
          params: RealmParams,
          body: RegisterBody,
          response: { 202: Accepted, ...errorResponses(400, 403, 404, 409, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const answer = await deps.signUp.register(await realmOf(request.params), request.body, originOf(request));
        return reply.status(202).send({ accepted: true, email_verification_required: answer.emailVerificationRequired });
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof TokenBody> }>(
      '/realms/:realm/auth/verify-email',
      {
        schema: {
          tags,
          summary: 'Verify an email address with the token from the emailed link',
          params: RealmParams,
          body: TokenBody,
          response: { 204: Type.Null({ description: 'The address is verified.' }), ...errorResponses(400, 404, 429) },
        },
      },
      async (request, reply) => {
        await deps.verification.verify(await realmOf(request.params), request.body.token, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof ResendBody> }>(
      '/realms/:realm/auth/verify-email/resend',
      {
        schema: {
          tags,
          summary: 'Email a new verification link to an unverified account',
          params: RealmParams,
          body: ResendBody,
          response: { 202: Queued, ...errorResponses(400, 404, 429) },
        },
      },
      async (request, reply) => {
        await deps.verification.resend(await realmOf(request.params), request.body.email, originOf(request));
        return reply.status(202).send(queued);
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof ForgotBody> }>(
      '/realms/:realm/auth/forgot-password',
      {
        schema: {
          tags,
          summary: 'Email a password-reset link to the account with this identifier, if there is one',
          params: RealmParams,
          body: ForgotBody,
          response: { 202: Queued, ...errorResponses(400, 404, 429) },
        },
      },
      async (request, reply) => {
        await deps.reset.request(await realmOf(request.params), request.body.identifier, originOf(request));
        return reply.status(202).send(queued);
      },
    );

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof TokenQuery> }>(
      '/realms/:realm/auth/reset-password',
      {
        schema: {
          tags,
          summary: 'Tell whether a password-reset token still works (it is not used up)',
          params: RealmParams,
          querystring: TokenQuery,
          response: { 200: Type.Object({ valid: Type.Literal(true), expires_at: Timestamp }), ...errorResponses(400, 404, 429) },
        },
      },
      async (request) => {
        const { expiresAt } = await deps.reset.check(await realmOf(request.params), request.query.token, originOf(request));
        return { valid: true as const, expires_at: new Date(expiresAt).toISOString() };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof ResetBody> }>(
      '/realms/:realm/auth/reset-password',
      {
        schema: {
          tags,
          summary: 'Set a new password with a reset token; every session of the account ends',
          params: RealmParams,
          body: ResetBody,
          response: { 204: Type.Null({ description: 'The password is set.' }), ...errorResponses(400, 404, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        await deps.reset.reset(await realmOf(request.params), request.body.token, request.body.password, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
