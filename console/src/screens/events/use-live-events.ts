/**
 * The Live toggle's stream as Preact state: events that arrived since it was switched on (newest
 * first, no duplicates), and the connection's state. Restarts when the filters change; stops when
 * switched off or when the screen unmounts.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ItemOf } from '../../api/types.ts';
import { useApp } from '../../ui/app-context.tsx';
import { followEvents, type LiveState } from './event-stream.ts';

export type EventItem = ItemOf<'/admin/v1/realms/{realm}/events'>;

export interface LiveFilters {
  type?: string;
  code?: number;
  user?: string;
}

const MAX_KEPT = 5000;

export function useLiveEvents(realmId: string, enabled: boolean, filters: LiveFilters, resumeAfter: string | undefined) {
  const { accessToken, session } = useApp();
  const [events, setEvents] = useState<EventItem[]>([]);
  const [state, setState] = useState<LiveState | null>(null);
  const key = JSON.stringify(filters);
  useEffect(() => {
    setEvents([]);
    if (!enabled) {
      setState(null);
      return;
    }
    const controller = new AbortController();
    const url = new URL(`/admin/v1/realms/${encodeURIComponent(realmId)}/events/stream`, location.origin);
    if (filters.type) url.searchParams.set('type', filters.type);
    if (filters.code !== undefined) url.searchParams.set('code', String(filters.code));
    if (filters.user) url.searchParams.set('user', filters.user);
    void followEvents({
      url: url.toString(),
      lastEventId: resumeAfter,
      accessToken,
      renew: () => session.renew(),
      signal: controller.signal,
      onState: setState,
      onEvent: (data) => {
        const event = data as EventItem;
        setEvents((before) => (before.some((known) => known.id === event.id) ? before : [event, ...before].slice(0, MAX_KEPT)));
      },
    });
    return () => controller.abort();
    // The stream resumes after the newest listed event at the moment Live is switched on; a later
    // list reload must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [realmId, enabled, key]);
  return { events, state };
}
