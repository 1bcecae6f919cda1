import { Type, type Static } from '@sinclair/typebox';
import type { Operator } from '../../operators/operator-store.ts';
import type { OperatorService } from '../../operators/operator-service.ts';
import type { RouteTree } from '../app.ts';
import { authorize, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, Nullable, OneLine, Page, PageQuery, Timestamp } from '../schemas.ts';

const strict = { additionalProperties: false } as const;

export const GrantSchema = Type.Union(
  [
    Type.Object({ permission: Type.Literal('read') }, strict),
    Type.Object(
      {
        permission: Type.Literal('admin_realm'),
        realms: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
          minItems: 1,
          maxItems: 1000,
          description: 'Realm ids or slugs; stored and returned as ids.',
        }),
      },
      strict,
    ),
    Type.Object({ permission: Type.Literal('admin_all_realms') }, strict),
    Type.Object({ permission: Type.Literal('superadmin') }, strict),
  ],
  {
    description:
      'read: list and get everything; admin_realm: manage the named realms; admin_all_realms: create, delete and manage every realm; superadmin: also manage operators.',
  },
);

const OperatorResponse = Type.Object(
  {
    id: Type.String({ description: 'The id of the operator\'s user in the admin realm.' }),
    email: Nullable(Type.String()),
    username: Nullable(Type.String()),
    display_name: Nullable(Type.String()),
    state: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
    locked: Type.Boolean(),
    grants: Type.Array(GrantSchema),
    created_at: Timestamp,
    last_login_at: Nullable(Timestamp),
  },
);

const profile = {
  username: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  display_name: Type.Optional(Nullable(OneLine({ minLength: 1, maxLength: 200 }))),
};

const CreateOperator = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    ...profile,
    grants: Type.Array(GrantSchema, { maxItems: 20 }),
  },
  strict,
);

const PatchOperator = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    ...profile,
    state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
    locked: Type.Optional(Type.Boolean()),
    grants: Type.Optional(Type.Array(GrantSchema, { maxItems: 20 })),
  },
  strict,
);

const OperatorParams = Type.Object({ operator: Type.String({ maxLength: 100 }) });
const ListQuery = Type.Object(PageQuery);

function toOperatorResponse(operator: Operator) {
  return {
    ...operator,
    created_at: new Date(operator.created_at).toISOString(),
    last_login_at: operator.last_login_at === null ? null : new Date(operator.last_login_at).toISOString(),
  };
}

const tags = ['operators'];
const security = [{ bearer: [] }];

/** /admin/v1/operators: reading needs `operators.read`, changing needs `operators.manage` (superadmin). */
export function adminOperatorRoutes(deps: { operators: OperatorService; authenticate: OperatorAuthenticator }): RouteTree {
  const { operators } = deps;
  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Querystring: Static<typeof ListQuery> }>(
      '/admin/v1/operators',
      { schema: { tags, security, summary: 'List operators', querystring: ListQuery, response: { 200: Page(OperatorResponse), ...errorResponses(400, 401, 403) } } },
      async (request) => {
        authorize(request, { kind: 'operators.read' });
        const page = await operators.list(request.query);
        return { items: page.items.map(toOperatorResponse), next_cursor: page.next_cursor };
      },
    );

    app.post<{ Body: Static<typeof CreateOperator> }>(
      '/admin/v1/operators',
      { schema: { tags, security, summary: 'Create an operator', body: CreateOperator, response: { 201: OperatorResponse, ...errorResponses(400, 401, 403, 409, 422) } } },
      async (request, reply) => {
        const principal = authorize(request, { kind: 'operators.manage' });
        const operator = await operators.create(request.body, principal.actor);
        return reply.status(201).send(toOperatorResponse(operator));
      },
    );

    app.get<{ Params: Static<typeof OperatorParams> }>(
      '/admin/v1/operators/:operator',
      { schema: { tags, security, summary: 'Get an operator', params: OperatorParams, response: { 200: OperatorResponse, ...errorResponses(401, 403, 404) } } },
      async (request) => {
        authorize(request, { kind: 'operators.read' });
        return toOperatorResponse(await operators.get(request.params.operator));
      },
    );

    app.patch<{ Params: Static<typeof OperatorParams>; Body: Static<typeof PatchOperator> }>(
      '/admin/v1/operators/:operator',
      {
        schema: {
          tags,
          security,
          summary: 'Change an operator (only the fields given)',
          params: OperatorParams,
          body: PatchOperator,
          response: { 200: OperatorResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        const principal = authorize(request, { kind: 'operators.manage' });
        return toOperatorResponse(await operators.update(request.params.operator, request.body, principal.actor));
      },
    );

    app.delete<{ Params: Static<typeof OperatorParams> }>(
      '/admin/v1/operators/:operator',
      {
        schema: {
          tags,
          security,
          summary: 'Remove an operator and its admin-realm user',
          params: OperatorParams,
          response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const principal = authorize(request, { kind: 'operators.manage' });
        await operators.remove(request.params.operator, principal.actor);
        return reply.status(204).send();
      },
    );
  };
}
