import type { Kysely } from 'kysely';
import { newId } from '../platform/ids.ts';
import { readJson, writeJson } from '../storage/codec.ts';
import { signInCode } from './sign-in-codes.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { EventRow, Schema } from '../storage/schema.ts';
import { eventCodes, type EventType } from './event-types.ts';

export interface Actor {
  type: 'operator' | 'user' | 'system';
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

/**
 * The append-only event log. `record` takes the transaction the change runs in, so an event is
 * written if and only if the change it records is.
 */
export function createEventLog(clock: { now(): number }) {
  return {
    async record(trx: Kysely<Schema>, event: NewEvent): Promise<void> {
      await trx
        .insertInto('events')
        .values({
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
        })
        .execute();
    },

    async list(db: Kysely<Schema>, realmId: string, filter: EventFilter, page: PageRequest): Promise<Page<Event>> {
      let query = db.selectFrom('events').selectAll().where('realm_id', '=', realmId);
      if (filter.type) query = query.where('type', '=', filter.type);
      if (filter.code !== undefined) query = query.where('code', '=', filter.code);
      if (filter.userId) query = query.where('user_id', '=', filter.userId);
      if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('at', '<', filter.until);
      return paginate(query, { column: 'at', direction: 'desc' }, page, toEvent, (row) => row.at, (row) => row.id);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;

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
