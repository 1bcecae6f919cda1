import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import type { PasskeyService } from '../../passkeys/passkey-service.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { signedIn } from './account.ts';
import { CreationOptions, PasskeyList, PasskeyName, PasskeyResponse, RegistrationVerifyBody, toPasskeyResponse } from './passkey-schema.ts';
import { RealmParams } from './public-auth.ts';

const PasskeyParams = Type.Object({ realm: Type.String(), passkey: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const NoQuery = Type.Object({}, { additionalProperties: false });
const RenameBody = Type.Object({ name: PasskeyName }, { additionalProperties: false });

const tags = ['account'];
const security = [{ bearer: [] }];
const RECENT = 'Needs a recent sign-in (403 `auth.step_up_required`)';

/** The signed-in user's own passkeys: register (two steps), list, rename, remove (docs/passkeys.md). */
export function accountPasskeyRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; passkeys: PasskeyService }): RouteTree {
  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof NoQuery> }>(
      '/realms/:realm/account/passkeys',
      {
        schema: { tags, summary: "The signed-in user's passkeys", security, params: RealmParams, querystring: NoQuery, response: { 200: PasskeyList, ...errorResponses(400, 401, 404) } },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return { items: (await deps.passkeys.list(realm, userId)).map(toPasskeyResponse) };
      },
    );

    app.post<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account/passkeys/registration/options',
      {
        schema: {
          tags,
          summary: 'Start registering a passkey: creation options for navigator.credentials.create()',
          description: `${RECENT} when the user already has a passkey. The challenge is single use and valid for five minutes; asking again retires the previous one.`,
          security,
          params: RealmParams,
          response: { 200: CreationOptions, ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        return deps.passkeys.registrationOptions(realm, { userId, claims });
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof RegistrationVerifyBody> }>(
      '/realms/:realm/account/passkeys/registration/verify',
      {
        schema: {
          tags,
          summary: "Finish registering a passkey with the browser's answer",
          description: `Checks the challenge (400 \`passkey.invalid_challenge\` when unknown, used or expired), the origin against the realm's \`passkeys.allowed_origins\`, the RP ID and user verification (422 \`passkey.invalid_response\`). ${RECENT} when the user already has a passkey.`,
          security,
          params: RealmParams,
          body: RegistrationVerifyBody,
          response: { 201: PasskeyResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        const passkey = await deps.passkeys.register(realm, { userId, claims }, request.body, originOf(request));
        return reply.status(201).send(toPasskeyResponse(passkey));
      },
    );

    app.patch<{ Params: Static<typeof PasskeyParams>; Body: Static<typeof RenameBody> }>(
      '/realms/:realm/account/passkeys/:passkey',
      {
        schema: { tags, summary: 'Rename one of your passkeys', security, params: PasskeyParams, body: RenameBody, response: { 200: PasskeyResponse, ...errorResponses(400, 401, 404) } },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return toPasskeyResponse(await deps.passkeys.rename(realm, userId, request.params.passkey, request.body.name, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof PasskeyParams> }>(
      '/realms/:realm/account/passkeys/:passkey',
      {
        schema: {
          tags,
          summary: 'Remove one of your passkeys',
          description: `${RECENT}.`,
          security,
          params: PasskeyParams,
          response: { 204: Type.Null({ description: 'Removed.' }), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        await deps.passkeys.removeOwn(realm, { userId, claims }, request.params.passkey, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
