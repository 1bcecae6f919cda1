import { Type, type Static } from '@sinclair/typebox';
import type { RealmLookup } from '../../contracts.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import type { Event, EventFilter } from '../../events/event-log.ts';
import { resolveRealm } from '../../realms/resolve-realm.ts';
import type { Page as PageOf, PageRequest } from '../../storage/pagination.ts';
import type { RouteTree } from '../app.ts';
import { authorize, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, JsonObject, Nullable, Page, PageQuery, Timestamp } from '../schemas.ts';

/** Lists one realm's events, newest first. */
export type ListEvents = (realmId: string, filter: EventFilter, page: PageRequest) => Promise<PageOf<Event>>;

export const EventResponse = Type.Object(
  {
    id: Type.String(),
    realm_id: Type.String(),
    type: Type.String({ description: 'e.g. user.created, user.login.failed; see docs/events.md' }),
    code: Nullable(Type.Integer({ description: "flespi's numeric code where one exists" })),
    at: Timestamp,
    actor: Type.Object({
      type: Type.Union([Type.Literal('operator'), Type.Literal('application'), Type.Literal('user'), Type.Literal('system')]),
      id: Nullable(Type.String()),
    }),
    user_id: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    user_agent: Nullable(Type.String()),
    details: JsonObject('What the event is about; never secrets.'),
  },
);

const dateTime = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$', description });

/** The list's filters; the live stream (admin-event-stream.ts) takes the very same. */
export const EventFilters = {
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  code: Type.Optional(Type.Integer({ minimum: 0, maximum: 99999 })),
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A user id.' })),
  since: Type.Optional(dateTime('ISO 8601 date-time; events at or after it.')),
  until: Type.Optional(dateTime('ISO 8601 date-time; events before it.')),
};

const EventQuery = Type.Object({ ...EventFilters, ...PageQuery });

type EventFilterQuery = Static<ReturnType<typeof Type.Object<typeof EventFilters>>>;

export const RealmParams = Type.Object({ realm: Type.String({ maxLength: 100, description: 'Realm id or slug.' }) });

/** An ISO date-time that matched the pattern can still name no day (2026-02-30); refuse it. */
function epochOf(field: string, value: string | undefined, details: ErrorDetail[]): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) details.push({ field, issue: 'is not a valid date-time' });
  return at;
}

export function filterOf(query: EventFilterQuery): EventFilter {
  const details: ErrorDetail[] = [];
  const since = epochOf('since', query.since, details);
  const until = epochOf('until', query.until, details);
  if (details.length > 0) {
    throw new AppError('request.validation_failed', `The querystring is invalid: ${details.map((d) => `${d.field} ${d.issue}`).join('; ')}.`, { details });
  }
  return { type: query.type, code: query.code, userId: query.user, since, until };
}

/** GET /admin/v1/realms/{realm}/events: needs `realm.read` on that realm. */
export function adminEventRoutes(deps: { lookup: RealmLookup; listEvents: ListEvents; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof EventQuery> }>(
      '/admin/v1/realms/:realm/events',
      {
        schema: {
          tags: ['events'],
          security: [{ bearer: [] }],
          summary: "List a realm's events, newest first",
          params: RealmParams,
          querystring: EventQuery,
          response: { 200: Page(EventResponse), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const realm = await resolveRealm(deps.lookup, request.params.realm);
        authorize(request, { kind: 'realm.read', realmId: realm.id, isSystem: realm.is_system });
        const { limit, cursor } = request.query;
        return deps.listEvents(realm.id, filterOf(request.query), { limit, cursor });
      },
    );
  };
}
