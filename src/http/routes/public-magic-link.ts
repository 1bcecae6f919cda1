import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { MagicLinks } from '../../flows/magic-link.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { RealmParams } from './public-auth.ts';
import { FlowStep, PasswordlessStart, TokensOrStep, toAnswer, toFlowStep } from './sign-in-schema.ts';

const strict = { additionalProperties: false } as const;
const StatusBody = Type.Object({ flow_id: Type.String({ minLength: 1, maxLength: 100, description: 'The flow the start answered with: keep it on the starting device only.' }) }, strict);
const NumberMatchStep = Type.Object({
  ...FlowStep.properties,
  number: Type.Integer({ minimum: 10, maximum: 99, description: 'Show it on this screen: the emailed link asks the user to pick it.' }),
});

const tags = ['auth'];
const sameAnswer = 'The answer is the same for identifiers without an account; the link is emailed afterwards. Poll `POST …/auth/magic-link/status` with the `flow_id`.';

/** Sign-in by an emailed link (magic link), optionally with number matching; the starting device polls. */
export function publicMagicLinkRoutes(deps: { lookup: RealmLookup; magicLinks: MagicLinks }): RouteTree {
  const realmOf = (ref: string) => resolveActiveRealm(deps.lookup, ref);

  return async (app: FastifyInstance) => {
    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof PasswordlessStart> }>(
      '/realms/:realm/auth/magic-link',
      {
        schema: {
          tags,
          summary: 'Start a passwordless sign-in: a link to approve it goes to the account\u2019s email',
          description: sameAnswer,
          params: RealmParams,
          body: PasswordlessStart,
          response: { 200: FlowStep, ...errorResponses(400, 403, 404, 429) },
        },
      },
      async (request) => {
        const { flow } = await deps.magicLinks.start(await realmOf(request.params.realm), 'magic_link', request.body.identifier, originOf(request), request.body.tenant);
        return toFlowStep(flow);
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof PasswordlessStart> }>(
      '/realms/:realm/auth/number-match',
      {
        schema: {
          tags,
          summary: 'Start a sign-in by number matching: show `number`; the emailed link asks the user to pick it',
          description: sameAnswer,
          params: RealmParams,
          body: PasswordlessStart,
          response: { 200: NumberMatchStep, ...errorResponses(400, 403, 404, 429) },
        },
      },
      async (request) => {
        const { flow, number } = await deps.magicLinks.start(await realmOf(request.params.realm), 'number_match', request.body.identifier, originOf(request), request.body.tenant);
        return { ...toFlowStep(flow), number };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof StatusBody> }>(
      '/realms/:realm/auth/magic-link/status',
      {
        schema: {
          tags,
          summary: 'Poll a magic-link or number-matching sign-in: the flow while it waits, then tokens (once) or the next step',
          params: RealmParams,
          body: StatusBody,
          response: { 200: TokensOrStep, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (request) => toAnswer(await deps.magicLinks.status(await realmOf(request.params.realm), request.body.flow_id, originOf(request))),
    );
  };
}
