import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmailVerification } from '../../accounts/email-verification.ts';
import type { PasswordReset } from '../../accounts/password-reset.ts';
import type { RealmLookup } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
type UserParams = Static<typeof UserParams>;

const Sent = Type.Object({ accepted: Type.Literal(true) }, { description: 'The message is queued; see GET …/messages for its delivery.' });

/** Operators send account messages on a user's behalf: a password-reset link, a new verification link. */
export function adminUserRecoveryRoutes(deps: {
  lookup: RealmLookup;
  authenticate: OperatorAuthenticator;
  reset: Pick<PasswordReset, 'sendByOperator'>;
  verification: Pick<EmailVerification, 'sendByOperator'>;
}): RouteTree {
  const realmFor = (request: FastifyRequest<{ Params: UserParams }>) => operatorRealm(deps.lookup, request, 'realm.manage');

  const schema = (summary: string) => ({
    schema: {
      tags: ['users'],
      security: [{ bearer: [] }],
      summary,
      params: UserParams,
      response: { 202: Sent, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  });

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.post<{ Params: UserParams }>('/admin/v1/realms/:realm/users/:user/send-reset', schema("Email the user a password-reset link (event 1310)"), async (request, reply) => {
      const { realm, actor } = await realmFor(request);
      await deps.reset.sendByOperator(realm, request.params.user, actor, originOf(request));
      return reply.status(202).send({ accepted: true });
    });

    app.post<{ Params: UserParams }>('/admin/v1/realms/:realm/users/:user/send-verification', schema('Email the user a new verification link'), async (request, reply) => {
      const { realm, actor } = await realmFor(request);
      await deps.verification.sendByOperator(realm, request.params.user, actor, originOf(request));
      return reply.status(202).send({ accepted: true });
    });
  };
}
