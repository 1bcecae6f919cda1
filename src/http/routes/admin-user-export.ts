import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { RealmLookup } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import { exportUsers } from '../../portability/user-export.ts';
import type { UserService } from '../../users/user-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses } from '../schemas.ts';
import { oneOf } from './realm-schema.ts';
import { toUserResponse, UserFilterQuery, UserResponse } from './user-schema.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });
const FIELDS = Object.keys(UserResponse.properties);
const ExportQuery = Type.Object(
  {
    ...UserFilterQuery,
    format: oneOf(['jsonl', 'csv'] as const, 'JSON lines (one user per line) or CSV with a header row.', 'jsonl'),
    fields: Type.Optional(Type.String({ maxLength: 1000, description: `Comma-separated, in this order; by default all: ${FIELDS.join(', ')}.` })),
  },
  { additionalProperties: false },
);

function fieldsOf(raw: string | undefined): string[] {
  if (raw === undefined) return FIELDS;
  const fields = raw.split(',').map((field) => field.trim()).filter(Boolean);
  const unknown = fields.filter((field) => !FIELDS.includes(field));
  if (fields.length === 0 || unknown.length > 0) {
    throw new AppError('request.validation_failed', `fields must name user fields (${FIELDS.join(', ')}); not: ${unknown.join(', ') || '(none)'}.`, { details: [{ field: 'fields', issue: 'names an unknown field' }] });
  }
  return fields;
}

/**
 * GET /admin/v1/realms/{realm}/users/export: every user the list's filters select, streamed as JSON
 * lines or CSV (src/portability/user-export.ts); `realm.read` on the realm.
 */
export function adminUserExportRoutes(deps: { users: UserService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ExportQuery> }>(
      '/admin/v1/realms/:realm/users/export',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: "Export the realm's users (the list's filters) as JSON lines or CSV, streamed",
          params: RealmParams,
          querystring: ExportQuery,
          produces: ['application/x-ndjson', 'text/csv'],
          response: { 200: Type.String({ description: 'JSON lines, or CSV with a header row.' }), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { realm } = await operatorRealm(deps.lookup, request, 'realm.read');
        const { format, fields: rawFields, ...filter } = request.query;
        const fields = fieldsOf(rawFields);
        const source = {
          page: async (query: typeof filter, cursor: string | undefined, limit: number) => {
            const page = await deps.users.list(realm, query, { limit, cursor });
            return { items: page.items.map((user) => toUserResponse(user) as Record<string, unknown>), next_cursor: page.next_cursor };
          },
        };
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="users-${realm.slug}.${format}"`)
          .send(Readable.from(exportUsers(source, filter, format, fields)));
      },
    );
  };
}
