import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TenantService } from '../../authorization/tenant-service.ts';
import type { RealmLookup } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Page, PageQuery } from '../schemas.ts';
import {
  AddMemberBody,
  CreateTenantBody,
  MemberResponse,
  PatchTenantBody,
  TenantRef,
  TenantResponse,
  toMemberResponse,
  toTenantResponse,
  toUserTenantResponse,
  UserTenantResponse,
} from './tenant-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const TenantParams = Type.Object({ realm: id('Realm id or slug.'), tenant: TenantRef('Tenant id or slug.') });
const MemberParams = Type.Object({ realm: id('Realm id or slug.'), tenant: TenantRef('Tenant id or slug.'), user: id('User id.') });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
const ListQuery = Type.Object(PageQuery, { additionalProperties: false });
const NoContent = Type.Null({ description: 'No content.' });

/**
 * /admin/v1/realms/{realm}/tenants and a user's tenants: reads need `realm.read` on the realm,
 * changes `realm.manage`.
 */
export function adminTenantRoutes(deps: { tenants: TenantService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { tenants, lookup } = deps;

  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['tenants'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/tenants';

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ListQuery> }>(
      base,
      schema('List tenants, oldest first', { params: RealmParams, querystring: ListQuery }, { 200: Page(TenantResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const found = await tenants.list(realm, request.query);
        return { items: found.items.map(toTenantResponse), next_cursor: found.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CreateTenantBody> }>(
      base,
      schema('Create a tenant', { params: RealmParams, body: CreateTenantBody }, { 201: TenantResponse }, 400, 409),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return reply.status(201).send(toTenantResponse(await tenants.create(realm, request.body, actor, originOf(request))));
      },
    );

    app.get<{ Params: Static<typeof TenantParams> }>(`${base}/:tenant`, schema('Get a tenant', { params: TenantParams }, { 200: TenantResponse }), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return toTenantResponse(await tenants.get(realm, request.params.tenant));
    });

    app.patch<{ Params: Static<typeof TenantParams>; Body: Static<typeof PatchTenantBody> }>(
      `${base}/:tenant`,
      schema('Change a tenant (only the fields given)', { params: TenantParams, body: PatchTenantBody }, { 200: TenantResponse }, 400, 409, 422),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toTenantResponse(await tenants.update(realm, request.params.tenant, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof TenantParams> }>(
      `${base}/:tenant`,
      schema('Delete a tenant and its memberships', { params: TenantParams }, { 204: NoContent }, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await tenants.remove(realm, request.params.tenant, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.get<{ Params: Static<typeof TenantParams>; Querystring: Static<typeof ListQuery> }>(
      `${base}/:tenant/members`,
      schema("List a tenant's members, earliest first", { params: TenantParams, querystring: ListQuery }, { 200: Page(MemberResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const found = await tenants.members(realm, request.params.tenant, request.query);
        return { items: found.items.map(toMemberResponse), next_cursor: found.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof TenantParams>; Body: Static<typeof AddMemberBody> }>(
      `${base}/:tenant/members`,
      schema("Make a user a member with these roles (a member's roles are replaced)", { params: TenantParams, body: AddMemberBody }, { 200: MemberResponse }, 400),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        const { user_id, roles } = request.body;
        return toMemberResponse(await tenants.addMember(realm, request.params.tenant, user_id, roles ?? [], actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof MemberParams> }>(
      `${base}/:tenant/members/:user`,
      schema('Remove a member: their tokens in the tenant stop at once', { params: MemberParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await tenants.removeMember(realm, request.params.tenant, request.params.user, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.get<{ Params: Static<typeof UserParams> }>(
      '/admin/v1/realms/:realm/users/:user/tenants',
      schema("A user's tenants with their roles there", { params: UserParams }, { 200: Type.Object({ items: Type.Array(UserTenantResponse) }) }),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return { items: (await tenants.tenantsOf(realm, request.params.user)).map(toUserTenantResponse) };
      },
    );
  };
}
