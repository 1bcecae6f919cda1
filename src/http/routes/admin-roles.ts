import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RoleAssignments } from '../../authorization/role-assignments.ts';
import type { RoleService } from '../../authorization/role-service.ts';
import type { RealmLookup } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Page, PageQuery } from '../schemas.ts';
import { AssignmentResponse, AssignRoleBody, CreateRoleBody, PatchRoleBody, RoleResponse, toAssignmentResponse, toRoleResponse } from './role-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const RoleParams = Type.Object({ realm: id('Realm id or slug.'), role: id('Role id or slug.') });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
const UserRoleParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.'), role: id('Role id or slug.') });
const ListQuery = Type.Object(PageQuery, { additionalProperties: false });
const NoContent = Type.Null({ description: 'No content.' });

/**
 * /admin/v1/realms/{realm}/roles and users' roles: reads need `realm.read` on the realm, changes
 * `realm.manage`. Each handler resolves the realm, checks the operator's permission and makes one call.
 */
export function adminRoleRoutes(deps: { roles: RoleService; assignments: RoleAssignments; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { roles, assignments, lookup } = deps;

  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['roles'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/roles';
    const userRoles = '/admin/v1/realms/:realm/users/:user/roles';

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ListQuery> }>(
      base,
      schema('List roles, oldest first', { params: RealmParams, querystring: ListQuery }, { 200: Page(RoleResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const page = await roles.list(realm, request.query);
        return { items: page.items.map(toRoleResponse), next_cursor: page.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CreateRoleBody> }>(
      base,
      schema('Create a role', { params: RealmParams, body: CreateRoleBody }, { 201: RoleResponse }, 400, 409, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return reply.status(201).send(toRoleResponse(await roles.create(realm, request.body, actor, originOf(request))));
      },
    );

    app.get<{ Params: Static<typeof RoleParams> }>(`${base}/:role`, schema('Get a role', { params: RoleParams }, { 200: RoleResponse }), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return toRoleResponse(await roles.get(realm, request.params.role));
    });

    app.patch<{ Params: Static<typeof RoleParams>; Body: Static<typeof PatchRoleBody> }>(
      `${base}/:role`,
      schema('Change a role (only the fields given)', { params: RoleParams, body: PatchRoleBody }, { 200: RoleResponse }, 400, 409, 422),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toRoleResponse(await roles.update(realm, request.params.role, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof RoleParams> }>(
      `${base}/:role`,
      schema('Delete a role, its assignments and its place in composite roles', { params: RoleParams }, { 204: NoContent }, 409),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await roles.remove(realm, request.params.role, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.get<{ Params: Static<typeof RoleParams>; Querystring: Static<typeof ListQuery> }>(
      `${base}/:role/users`,
      schema("List the role's assignments (users holding it directly, any window), oldest first", { params: RoleParams, querystring: ListQuery }, { 200: Page(AssignmentResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const page = await assignments.ofRole(realm, request.params.role, request.query);
        return { items: page.items.map(toAssignmentResponse), next_cursor: page.next_cursor };
      },
    );

    app.get<{ Params: Static<typeof UserParams>; Querystring: Static<typeof ListQuery> }>(
      userRoles,
      schema("List a user's role assignments (past and future windows too), oldest first", { params: UserParams, querystring: ListQuery }, { 200: Page(AssignmentResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const page = await assignments.ofUser(realm, request.params.user, request.query);
        return { items: page.items.map(toAssignmentResponse), next_cursor: page.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof UserParams>; Body: Static<typeof AssignRoleBody> }>(
      userRoles,
      schema('Assign a role to a user, from starts_at (default now) until ends_at (default: no end)', { params: UserParams, body: AssignRoleBody }, { 200: AssignmentResponse }, 400),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toAssignmentResponse(await assignments.assign(realm, request.params.user, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof UserRoleParams> }>(
      `${userRoles}/:role`,
      schema('Take a role from a user', { params: UserRoleParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await assignments.unassign(realm, request.params.user, request.params.role, actor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
