import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { Actor } from '../../events/event-log.ts';
import { visibleRealmIds } from '../../operators/permissions.ts';
import type { Realm } from '../../realms/realm.ts';
import type { RealmService } from '../../realms/realm-service.ts';
import { resolveRealm } from '../../realms/resolve-realm.ts';
import type { Page as PageOf } from '../../storage/pagination.ts';
import type { KeyMetadata } from '../../realms/key-ring.ts';
import type { RouteTree } from '../app.ts';
import { authorize, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, Page, PageQuery, SearchText } from '../schemas.ts';
import { LOCALES } from '../../pages/messages.ts';
import { chooseLocale } from '../../pages/locale.ts';
import { brandingPreview } from '../../pages/branding-preview.ts';
import { BrandingPreviewBody, RealmCreateBody, RealmPatchBody } from './realm-body-schema.ts';
import { KeyResponse, oneOf, RealmResponse, ResetBody, toKeyResponse, toRealmResponse } from './realm-schema.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });
type RealmParams = Static<typeof RealmParams>;

const ListRealmsQuery = Type.Object(
  {
    reference: Type.Optional(Type.String({ maxLength: 255, description: 'Exact reference.' })),
    q: Type.Optional(SearchText(100, 'Search: realms whose name starts with this (any case), whose slug starts with it, or whose id it is.')),
    state: Type.Optional(oneOf(['active', 'inactive'] as const)),
    sort: Type.Optional(oneOf(['name', 'id', 'created_at'] as const, undefined, 'name')),
    direction: Type.Optional(oneOf(['asc', 'desc'] as const, undefined, 'asc')),
    expand: Type.Optional(oneOf(['custom'] as const, 'Include each realm\u2019s custom attributes.')),
    ...PageQuery,
  },
  { additionalProperties: false },
);
const PreviewQuery = Type.Object({ locale: Type.Optional(oneOf(LOCALES, 'The language to show; by default the one the realm\u2019s pages would choose for this request.')) }, { additionalProperties: false });
const PreviewPage = Type.String({ description: 'The sign-in page as text/html, with the headers (Content-Security-Policy, framing) it would be served with.' });
const KeysQuery = Type.Object(PageQuery, { additionalProperties: false });
const KeyParams = Type.Object({ realm: RealmParams.properties.realm, kid: Type.String({ minLength: 1, maxLength: 100, description: 'The key id (`kid`).' }) });
type KeyParams = Static<typeof KeyParams>;
const NoContent = Type.Null({ description: 'No content.' });

const toKeyPage = (page: PageOf<KeyMetadata>) => ({ items: page.items.map(toKeyResponse), next_cursor: page.next_cursor });

type RealmAccess = 'realm.read' | 'realm.manage';

/**
 * /admin/v1/realms: listing follows `realm.list` (narrowed to the realms an operator manages),
 * reading a realm `realm.read`, changing it `realm.manage`, creating and deleting realms their
 * own actions. Each handler resolves the realm, checks the permission and makes one call.
 */
export function adminRealmRoutes(deps: { realms: RealmService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { realms, lookup } = deps;

  async function realmFor(request: FastifyRequest<{ Params: RealmParams }>, kind: RealmAccess): Promise<{ realm: Realm; actor: Actor }> {
    const realm = await resolveRealm(lookup, request.params.realm);
    const operator = authorize(request, { kind, realmId: realm.id, isSystem: realm.is_system });
    return { realm, actor: operator.actor };
  }

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['realms'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, ...errors) } },
  });

  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms';

    app.get<{ Querystring: Static<typeof ListRealmsQuery> }>(
      base,
      schema('List realms (custom attributes only with expand=custom)', { querystring: ListRealmsQuery }, { 200: Page(RealmResponse) }, 400),
      async (request) => {
        const operator = authorize(request, { kind: 'realm.list' });
        const { limit, cursor, expand, ...filter } = request.query;
        const page = await realms.list(filter, { limit, cursor }, visibleRealmIds(operator));
        return { items: page.items.map((realm) => toRealmResponse(realm, { withCustom: expand === 'custom' })), next_cursor: page.next_cursor };
      },
    );

    app.post<{ Body: Static<typeof RealmCreateBody> }>(
      base,
      schema('Create a realm with its first signing key', { body: RealmCreateBody }, { 201: RealmResponse }, 400, 409, 422),
      async (request, reply) => {
        const operator = authorize(request, { kind: 'realm.create' });
        const realm = await realms.create(request.body, operator.actor);
        return reply.status(201).send(toRealmResponse(realm));
      },
    );

    app.get<{ Params: RealmParams }>(`${base}/:realm`, schema('Get a realm', { params: RealmParams }, { 200: RealmResponse }, 404), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return toRealmResponse(await realms.get(realm.id));
    });

    app.patch<{ Params: RealmParams; Body: Static<typeof RealmPatchBody> }>(
      `${base}/:realm`,
      schema('Change a realm (only the fields given; nested objects merge)', { params: RealmParams, body: RealmPatchBody }, { 200: RealmResponse }, 400, 404, 409, 422),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toRealmResponse(await realms.update(realm.id, request.body, actor));
      },
    );

    app.delete<{ Params: RealmParams }>(
      `${base}/:realm`,
      schema('Delete a realm and everything in it', { params: RealmParams }, { 204: NoContent }, 404, 422),
      async (request, reply) => {
        const realm = await resolveRealm(lookup, request.params.realm);
        const operator = authorize(request, { kind: 'realm.delete' });
        await realms.remove(realm.id, operator.actor);
        return reply.status(204).send();
      },
    );

    app.post<{ Params: RealmParams; Body: Static<typeof ResetBody> }>(
      `${base}/:realm/reset`,
      {
        ...schema(
          'Reset a realm: delete its users, sessions and events in the background, keeping its settings (the body is optional)',
          { params: RealmParams, body: ResetBody },
          { 202: RealmResponse },
          400,
          404,
          422,
        ),
        // Every option has a default, so a request without a body is the empty object.
        preValidation: async (request: FastifyRequest) => {
          request.body ??= {};
        },
      },
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        const started = await realms.reset(realm.id, request.body, actor);
        return reply.status(202).send(toRealmResponse(started.realm));
      },
    );

    app.post<{ Params: RealmParams; Querystring: Static<typeof PreviewQuery>; Body: Static<typeof BrandingPreviewBody> }>(
      `${base}/:realm/branding/preview`,
      schema(
        "Preview the realm's sign-in page with a change of its name, logo, branding or localisation, without saving it",
        { params: RealmParams, querystring: PreviewQuery, body: BrandingPreviewBody },
        { 200: PreviewPage },
        400,
        404,
      ),
      async (request, reply) => {
        const { realm } = await realmFor(request, 'realm.read');
        const previewed = await realms.preview(realm.id, request.body);
        const locale = request.query.locale ?? chooseLocale(previewed, [], request.headers['accept-language']);
        const page = brandingPreview(previewed, locale);
        return reply.headers(page.headers).send(page.html);
      },
    );

    app.post<{ Params: RealmParams }>(
      `${base}/:realm/keys/rotate`,
      schema("Rotate a realm's signing key; the old key verifies until its tokens have expired", { params: RealmParams }, { 200: Page(KeyResponse) }, 404),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toKeyPage(await realms.rotateKeys(realm.id, actor));
      },
    );

    app.delete<{ Params: KeyParams }>(
      `${base}/:realm/keys/:kid`,
      schema(
        "Revoke a retired signing key at once: tokens it signed stop verifying in the server (the active key is refused: rotate first)",
        { params: KeyParams },
        { 204: NoContent },
        404,
        409,
      ),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await realms.revokeKey(realm.id, request.params.kid, actor);
        return reply.status(204).send();
      },
    );

    app.get<{ Params: RealmParams; Querystring: Static<typeof KeysQuery> }>(
      `${base}/:realm/keys`,
      schema("List a realm's signing keys (metadata only), newest first", { params: RealmParams, querystring: KeysQuery }, { 200: Page(KeyResponse) }, 400, 404),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return toKeyPage(await realms.listKeys(realm.id, request.query));
      },
    );
  };
}
