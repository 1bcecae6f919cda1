import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmLookup, TokenValidator, UserDirectory } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import type { IdentityService, IdentityView } from '../../identity-providers/identity-service.ts';
import type { IdpSignIn } from '../../identity-providers/idp-sign-in.ts';
import type { LinkedIdentity } from '../../identity-providers/identity-store.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { CodeVerifier } from './public-identity-providers.ts';
import { errorResponses } from '../schemas.ts';
import { signedIn } from './account.ts';
import { RealmParams } from './public-auth.ts';

/**
 * A user's linked identities (accounts at the realm's identity providers): the user's own
 * (`/realms/{realm}/account/identities`: list, link after a `link` start, remove — never the last way
 * to sign in) and an operator's view of anyone's (`/admin/v1/realms/{realm}/users/{user}/identities`).
 */
const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const IdentityResponse = Type.Object({
  id: Type.String({ description: 'The link (`lid_…`).' }),
  provider_id: Type.String(),
  provider_slug: Type.Union([Type.String(), Type.Null()]),
  provider_name: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String({ description: "The account's id at the provider." }),
  email: Type.Union([Type.String(), Type.Null()], { description: 'The address the provider gave at the last sign-in.' }),
  created_at: Type.Integer(),
  last_used_at: Type.Union([Type.Integer(), Type.Null()]),
});
const IdentityList = Type.Object({ items: Type.Array(IdentityResponse) });
const OwnParams = Type.Object({ realm: RealmParams.properties.realm, identity: id('Linked identity id (`lid_…`).') });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
const UserIdentityParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.'), identity: id('Linked identity id (`lid_…`).') });
const LinkBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 200, description: 'The one-time code of a start with `intent=link`.' }),
    redirect_uri: Type.String({ minLength: 1, maxLength: 2000, description: 'The redirect_uri that start named.' }),
    code_verifier: CodeVerifier,
  },
  { additionalProperties: false },
);
const NoContent = Type.Null({ description: 'No content.' });
const NoQuery = Type.Object({}, { additionalProperties: false });

function toIdentityResponse(identity: IdentityView | LinkedIdentity) {
  return {
    id: identity.id,
    provider_id: identity.providerId,
    provider_slug: 'providerSlug' in identity ? identity.providerSlug : null,
    provider_name: 'providerName' in identity ? identity.providerName : null,
    subject: identity.subject,
    email: identity.email,
    created_at: identity.createdAt,
    last_used_at: identity.lastUsedAt,
  };
}

const security = [{ bearer: [] }];

export function accountIdentityRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; identities: IdentityService; idpSignIn: IdpSignIn }): RouteTree {
  const tags = ['account'];
  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account/identities',
      { schema: { tags, summary: 'Your accounts at identity providers, linked to this one', security, params: RealmParams, response: { 200: IdentityList, ...errorResponses(401, 404) } } },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return { items: (await deps.identities.list(realm, userId)).map(toIdentityResponse) };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof LinkBody> }>(
      '/realms/:realm/account/identities',
      {
        schema: {
          tags,
          summary: 'Link the account a `link` start came back with (needs a sign-in within 5 minutes)',
          security,
          params: RealmParams,
          body: LinkBody,
          response: { 201: IdentityResponse, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        const identity = await deps.idpSignIn.link(realm, { userId, claims }, request.body.code, request.body.redirect_uri, request.body.code_verifier, originOf(request));
        return reply.status(201).send(toIdentityResponse(identity));
      },
    );

    app.delete<{ Params: Static<typeof OwnParams> }>(
      '/realms/:realm/account/identities/:identity',
      {
        schema: {
          tags,
          summary: 'Remove a linked identity (needs a sign-in within 5 minutes; never the last way to sign in)',
          security,
          params: OwnParams,
          response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        await deps.identities.removeOwn(realm, { userId, claims }, request.params.identity, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}

/** Operators list a user's linked identities (`realm.read`) and unlink one (`realm.manage`, event 1321). */
export function adminUserIdentityRoutes(deps: { lookup: RealmLookup; authenticate: OperatorAuthenticator; identities: IdentityService; users: Pick<UserDirectory, 'findById'> }): RouteTree {
  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(deps.lookup, request, kind);
  const schema = (summary: string, parts: Record<string, unknown>, response: Record<number, unknown>, ...errors: number[]) => ({
    schema: { tags: ['users'], security, summary, ...parts, response: { ...response, ...errorResponses(400, 401, 403, 404, ...errors) } },
  });

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Params: Static<typeof UserParams>; Querystring: Static<typeof NoQuery> }>(
      '/admin/v1/realms/:realm/users/:user/identities',
      schema("A user's linked identities", { params: UserParams, querystring: NoQuery }, { 200: IdentityList }),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        if (!(await deps.users.findById(realm.id, request.params.user))) throw new AppError('user.not_found', 'No such user in this realm.');
        return { items: (await deps.identities.list(realm, request.params.user)).map(toIdentityResponse) };
      },
    );

    app.delete<{ Params: Static<typeof UserIdentityParams> }>(
      '/admin/v1/realms/:realm/users/:user/identities/:identity',
      schema("Unlink one of a user's identities", { params: UserIdentityParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await deps.identities.unlink(realm, request.params.user, request.params.identity, actor, originOf(request), false);
        return reply.status(204).send();
      },
    );
  };
}
