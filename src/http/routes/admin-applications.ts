import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { ApplicationService } from '../../applications/application-service.ts';
import { applicationLimits } from '../../applications/application.ts';
import type { RealmLookup } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Page, PageQuery, SearchText } from '../schemas.ts';
import {
  ApplicationResponse,
  ApplicationWithSecretResponse,
  CreateApplicationBody,
  Kind,
  PatchApplicationBody,
  RotateSecretBody,
  toApplicationResponse,
  toApplicationWithSecret,
} from './application-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const ApplicationParams = Type.Object({ realm: id('Realm id or slug.'), app: id('The application id (its client_id).') });
const ListQuery = Type.Object(
  { q: Type.Optional(SearchText(applicationLimits.nameLength, 'Applications whose name starts with this (any case).')), kind: Type.Optional(Kind), ...PageQuery },
  { additionalProperties: false },
);
const NoContent = Type.Null({ description: 'No content.' });

/**
 * /admin/v1/realms/{realm}/applications: reads need `realm.read` on the realm, changes
 * `realm.manage`. A secret appears only in the answer of the call that made it.
 */
export function adminApplicationRoutes(deps: { applications: ApplicationService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { applications, lookup } = deps;

  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['applications'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/applications';

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ListQuery> }>(
      base,
      schema('List applications, oldest first', { params: RealmParams, querystring: ListQuery }, { 200: Page(ApplicationResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const { q, kind, ...page } = request.query;
        const found = await applications.list(realm, { q, kind }, page);
        return { items: found.items.map(toApplicationResponse), next_cursor: found.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CreateApplicationBody> }>(
      base,
      schema('Register an application (a confidential one gets its client_secret in this answer only)', { params: RealmParams, body: CreateApplicationBody }, { 201: ApplicationWithSecretResponse }, 400, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return reply.status(201).send(toApplicationWithSecret(await applications.create(realm, request.body, actor, originOf(request))));
      },
    );

    app.get<{ Params: Static<typeof ApplicationParams> }>(
      `${base}/:app`,
      schema('Get an application (never its secret)', { params: ApplicationParams }, { 200: ApplicationResponse }),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return toApplicationResponse(await applications.get(realm, request.params.app));
      },
    );

    app.patch<{ Params: Static<typeof ApplicationParams>; Body: Static<typeof PatchApplicationBody> }>(
      `${base}/:app`,
      schema('Change an application (only the fields given; a switch to a secret method answers the new secret once)', { params: ApplicationParams, body: PatchApplicationBody }, { 200: ApplicationWithSecretResponse }, 400),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toApplicationWithSecret(await applications.update(realm, request.params.app, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof ApplicationParams> }>(
      `${base}/:app`,
      schema('Delete an application, its consents and what it was issued', { params: ApplicationParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await applications.remove(realm, request.params.app, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof ApplicationParams>; Body: Static<typeof RotateSecretBody> }>(
      `${base}/:app/secret`,
      {
        ...schema('Rotate the client secret (the new one is in this answer only; the old one verifies through grace_seconds)', { params: ApplicationParams, body: RotateSecretBody }, { 200: ApplicationWithSecretResponse }, 400, 422),
        // Every field has a default, so a request without a body is the empty object.
        preValidation: async (request: FastifyRequest) => {
          request.body ??= {};
        },
      },
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        const grace = request.body.grace_seconds ?? applicationLimits.secretGraceSeconds.default;
        return toApplicationWithSecret(await applications.rotateSecret(realm, request.params.app, grace, actor, originOf(request)));
      },
    );
  };
}
