import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { isId, newId } from '../platform/ids.ts';
import { readJson, writeJson } from '../storage/codec.ts';
import { signInCode } from './sign-in-codes.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import { preparedInsert } from '../storage/prepared.ts';
import type { EventRow, Schema } from '../storage/schema.ts';
import { eventCodes, type EventType } from './event-types.ts';

export interface Actor {
  type: 'operator' | 'application' | 'user' | 'system';
  id: string | null;
}

export const systemActor: Actor = { type: 'system', id: null };

/** Where a request came from, recorded with the events it causes. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export const noOrigin: RequestOrigin = { ip: null, userAgent: null };

export interface NewEvent {
  realmId: string;
  type: EventType;
  actor: Actor;
  userId?: string | null;
  origin?: RequestOrigin;
  /** Never secrets: no passwords, tokens or codes. */
  details?: Record<string, unknown>;
}

export interface Event {
  id: string;
  realm_id: string;
  type: string;
  code: number | null;
  at: string;
  actor: Actor;
  user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

/**
 * A place in a realm's log: just after the event (at, id). The log's one total order is (at, id),
 * the order the list pages by, so a stream resumed from a position misses and repeats nothing.
 */
export interface EventPosition {
  at: number;
  id: string;
}

/** What an event id looks like (src/platform/ids.ts); anything else is refused before any query. */

export interface EventFilter {
  type?: string;
  code?: number;
  userId?: string;
  since?: number;
  until?: number;
}

/** The event's numeric code: by type, and for sign-ins by method too (src/events/sign-in-codes.ts). */
function codeOf(event: NewEvent): number | null {
  const method = event.details?.method;
  if ((event.type === 'user.login.succeeded' || event.type === 'user.login.failed') && typeof method === 'string') {
    return signInCode(event.type === 'user.login.succeeded' ? 'succeeded' : 'failed', method) ?? eventCodes[event.type];
  }
  return eventCodes[event.type] ?? null;
}

/** Hears every event in the transaction that records it (the webhook outbox, src/webhooks/outbox.ts). */
export interface EventListener {
  /** `event()` makes the API form of the event, for a listener that needs it. */
  fanOut(trx: Kysely<Schema>, row: EventRow, event: () => Event): Promise<void>;
}

// Every sign-in, refresh failure and change records one: compiled once, a named statement on PostgreSQL.
const insertEvent = preparedInsert('events', ['id', 'realm_id', 'type', 'code', 'at', 'actor_type', 'actor_id', 'user_id', 'ip', 'user_agent', 'details']);

/**
 * The append-only event log. `record` takes the transaction the change runs in, so an event is
 * written if and only if the change it records is — and so are the webhook deliveries it causes.
 */
export function createEventLog(clock: { now(): number }, listener?: EventListener) {
  return {
    async record(trx: Kysely<Schema>, event: NewEvent): Promise<void> {
      const row: EventRow = {
        id: newId('evt'),
        realm_id: event.realmId,
        type: event.type,
        code: codeOf(event),
        at: clock.now(),
        actor_type: event.actor.type,
        actor_id: event.actor.id,
        user_id: event.userId ?? null,
        ip: event.origin?.ip ?? null,
        user_agent: event.origin?.userAgent ?? null,
        details: writeJson(event.details ?? {}),
      };
      await insertEvent(trx, row);
      if (listener) await listener.fanOut(trx, row, () => toEvent(row));
    },

    async list(db: Kysely<Schema>, realmId: string, filter: EventFilter, page: PageRequest): Promise<Page<Event>> {
      const query = filtered(db.selectFrom('events').selectAll().where('realm_id', '=', realmId), filter);
      return paginate(query, { column: 'at', direction: 'desc' }, page, toEvent, (row) => row.at, (row) => row.id);
    },

    /** Where the realm's event `id` sits in its log; undefined for an id that is not one of its events. */
    async positionOf(db: Kysely<Schema>, realmId: string, id: string): Promise<EventPosition | undefined> {
      if (!isId('evt', id)) return undefined;
      const row = await db.selectFrom('events').select(['at', 'id']).where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
      return row ? { at: Number(row.at), id: row.id } : undefined;
    },

    /**
     * Up to `limit` of the realm's events strictly after `position` and strictly before `before`
     * (a time), oldest first, in the log's (at, id) order.
     */
    async after(db: Kysely<Schema>, realmId: string, filter: EventFilter, position: EventPosition, before: number, limit: number): Promise<Event[]> {
      const rows = await filtered(db.selectFrom('events').selectAll().where('realm_id', '=', realmId), filter)
        .where(sql<boolean>`(at > ${position.at} or (at = ${position.at} and id > ${position.id}))`)
        .where('at', '<', before)
        .orderBy('at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;

/** The list's filters, shared by the stream so both select exactly the same events. */
function filtered<O>(query: SelectQueryBuilder<Schema, 'events', O>, filter: EventFilter): SelectQueryBuilder<Schema, 'events', O> {
  let q = query;
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.code !== undefined) q = q.where('code', '=', filter.code);
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.since !== undefined) q = q.where('at', '>=', filter.since);
  if (filter.until !== undefined) q = q.where('at', '<', filter.until);
  return q;
}

function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    realm_id: row.realm_id,
    type: row.type,
    code: row.code,
    at: new Date(row.at).toISOString(),
    actor: { type: row.actor_type as Actor['type'], id: row.actor_id },
    user_id: row.user_id,
    ip: row.ip,
    user_agent: row.user_agent,
    details: readJson<Record<string, unknown>>(row.details),
  };
}
