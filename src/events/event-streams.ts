import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Schema } from '../storage/schema.ts';
import type { Event, EventFilter, EventLog, EventPosition } from './event-log.ts';

/**
 * Live tails of realms' event logs, sent as Server-Sent Events (docs/events.md#live-events).
 *
 * The source of truth is the log itself, read by position on every poll: whatever instance wrote
 * an event, every instance's streams find it, and a lost wake-up can only delay it. Positions
 * follow the log's total order (at, id). An event is sent only once it is older than `settleMs`:
 * `at` is taken when it is recorded, but the row becomes visible when its transaction commits, so
 * a younger event may still be joined by one that sorts before it (same millisecond with a smaller
 * id, or a transaction still open). Holding the newest `settleMs` back is what lets a stream (and a
 * client resuming from the last id it saw) move strictly forward with no gap and no duplicate.
 */
export interface EventStreamSettings {
  pollMs: number;
  settleMs: number;
  heartbeatMs: number;
  perToken: number;
  perInstance: number;
}

export interface EventStreamRequest {
  realmId: string;
  filter: EventFilter;
  /** The id of the last event the client saw (Last-Event-ID); the stream continues just after it. */
  lastEventId?: string;
  /** Who holds the stream, for the per-token cap (a digest of the access token, never the token). */
  holder: string;
  /** When the operator's access token expires (ms); the stream ends then. Null: no expiry. */
  expiresAt: number | null;
  /** Whether the operator may still read the realm (token not revoked, grants kept); asked before sending events and at each heartbeat. */
  stillAllowed(): Promise<boolean>;
}

/** Where a stream writes; `write` resolves once the peer can take more. */
export interface EventSink {
  write(chunk: string): Promise<void>;
  end(): void;
  /** Called once when the peer goes away. */
  onGone(listener: () => void): void;
}

/** Why a stream ended. */
export type StreamEnd = 'token_expired' | 'revoked' | 'until_reached' | 'client_gone' | 'server_closing';

/** Events fetched per query while catching up. */
const BATCH = 200;

/** One event as an SSE message: the client echoes `id` back as Last-Event-ID when it reconnects. */
export function eventFrame(event: Event): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export const HEARTBEAT_FRAME = ': keep-alive\n\n';

export function createEventStreams(deps: { db: Kysely<Schema>; clock: Clock; events: EventLog; logger: Logger; settings: EventStreamSettings }) {
  const { db, clock, events, logger, settings } = deps;
  const perHolder = new Map<string, number>();
  /** Streams reserved on this instance (opening or running). */
  let reserved = 0;
  const open = new Set<() => void>();
  let closing = false;

  function release(holder: string): void {
    reserved -= 1;
    const left = (perHolder.get(holder) ?? 1) - 1;
    if (left > 0) perHolder.set(holder, left);
    else perHolder.delete(holder);
  }

  async function startPosition(request: EventStreamRequest): Promise<EventPosition> {
    if (request.lastEventId !== undefined) {
      const position = await events.positionOf(db, request.realmId, request.lastEventId);
      if (!position) {
        throw new AppError('events.unknown_last_event_id', 'Last-Event-ID is not an event of this realm; start a fresh stream without it.', {
          details: [{ field: 'last_event_id', issue: 'is not an event of this realm' }],
        });
      }
      return position;
    }
    // From `since` when given; else from what was not yet settled at connect, so nothing recorded
    // after connecting is missed. The empty id sorts before every id of that millisecond.
    return { at: request.filter.since ?? clock.now() - settings.settleMs, id: '' };
  }

  return {
    /**
     * Checks the caps and the resume position and reserves the stream's place; refusals are thrown
     * before anything is sent. The caller then runs it on its sink.
     */
    async open(request: EventStreamRequest): Promise<{ run(sink: EventSink): Promise<StreamEnd> }> {
      if (closing) throw new AppError('request.rate_limited', 'The server is shutting down; reconnect in a moment.', { retryAfterSeconds: 1 });
      const held = perHolder.get(request.holder) ?? 0;
      if (held >= settings.perToken || reserved >= settings.perInstance) {
        throw new AppError('events.too_many_streams', held >= settings.perToken ? 'This access token has too many event streams open.' : 'This server has too many event streams open.', {
          retryAfterSeconds: 5,
        });
      }
      // Reserved before the first await, so concurrent requests cannot all pass the check.
      perHolder.set(request.holder, held + 1);
      reserved += 1;
      let position: EventPosition;
      try {
        position = await startPosition(request);
      } catch (error) {
        release(request.holder);
        throw error;
      }
      let wake: (() => void) | undefined;
      let ended: StreamEnd | undefined;
      const stop = (reason: StreamEnd) => {
        ended ??= reason;
        wake?.();
      };
      const stopForClose = () => stop('server_closing');
      open.add(stopForClose);

      /** Sleeps until the next poll, the token's expiry if sooner, or a stop. */
      const pause = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
          wake = done;
        });

      return {
        async run(sink) {
          sink.onGone(() => stop('client_gone'));
          let lastBeat = performance.now();
          try {
            while (ended === undefined) {
              const now = clock.now();
              if (request.expiresAt !== null && now >= request.expiresAt) {
                stop('token_expired');
                break;
              }
              const { until } = request.filter;
              const horizon = Math.min(now - settings.settleMs, until ?? Infinity);
              const batch = await events.after(db, request.realmId, request.filter, position, horizon, BATCH);
              // Asked before events go out, not only at heartbeats: an operator signed out or stripped
              // of the realm gets nothing recorded since (an idle stream ends at its next heartbeat).
              if (batch.length > 0 && !(await request.stillAllowed())) {
                stop('revoked');
                break;
              }
              for (const event of batch) {
                if (ended !== undefined) break;
                await sink.write(eventFrame(event));
                position = { at: Date.parse(event.at), id: event.id };
              }
              if (batch.length === BATCH) continue;
              // Nothing at or after `until` can match any more: the stream is complete.
              if (until !== undefined && horizon >= until) stop('until_reached');
              if (ended === undefined && performance.now() - lastBeat >= settings.heartbeatMs) {
                lastBeat = performance.now();
                if (!(await request.stillAllowed())) stop('revoked');
                else await sink.write(HEARTBEAT_FRAME);
              }
              if (ended !== undefined) break;
              const untilExpiry = request.expiresAt === null ? Infinity : Math.max(0, request.expiresAt - clock.now());
              const untilBeat = Math.max(0, settings.heartbeatMs - (performance.now() - lastBeat));
              await pause(Math.min(settings.pollMs, untilExpiry, untilBeat));
            }
          } catch (error) {
            // The peer went away mid-write (already stopped), or the database failed: end this
            // stream only; the client reconnects with its Last-Event-ID and loses nothing.
            if (ended === undefined) logger.warn({ err: error, realmId: request.realmId }, 'an event stream failed; its client will resume');
            stop('client_gone');
          } finally {
            open.delete(stopForClose);
            release(request.holder);
            sink.end();
          }
          return ended ?? 'client_gone';
        },
      };
    },

    /** Ends every open stream and refuses new ones (graceful shutdown must not wait on them). */
    close(): void {
      closing = true;
      for (const stop of [...open]) stop();
    },
  };
}

export type EventStreams = ReturnType<typeof createEventStreams>;
