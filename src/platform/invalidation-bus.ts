import { randomUUID } from 'node:crypto';

/**
 * Tells every process serving this database that something a cache may hold has changed, so a
 * revocation (logout, lock, deletion, realm deactivation…) stops a token at once everywhere.
 * A message names a realm and, narrower, a user or a session; a realm alone means "everything of
 * this realm". Three transports share this contract: in process (one server process, or tests),
 * cluster IPC relayed by the primary (SQLite: every worker is on this machine) and PostgreSQL
 * LISTEN/NOTIFY (any number of instances on one database).
 */
export interface Invalidation {
  realmId: string;
  userId?: string;
  sessionId?: string;
}

/** What listeners hear: one invalidation, or 'all' when messages may have been missed (caches must empty). */
export type InvalidationNotice = Invalidation | 'all';

export interface InvalidationBus {
  /**
   * Sends after the change committed; resolves once this process has heard its own message back
   * (so the message has passed the relay every other process hears it from), or after a timeout.
   */
  publish(message: Invalidation): Promise<void>;
  subscribe(listener: (notice: InvalidationNotice) => void): () => void;
  /** False while messages could be missed (a dropped LISTEN connection): caches must not fill then. */
  readonly connected: boolean;
  close(): Promise<void>;
}

/** The publishing side, which is all a service that revokes needs. */
export type InvalidationPublisher = Pick<InvalidationBus, 'publish'>;

/** How long a publisher waits for its own message to come back before it stops waiting. */
export const ECHO_TIMEOUT_MS = 2000;

/**
 * After its echo, how long a publisher waits more. The relay (PostgreSQL, the cluster primary)
 * sends to every listener at once, so when the echo is here the others' copies are on their way
 * or read; this short pause lets them be handled before the revoking request answers. On a busy
 * machine every copy is slower alike, so the pause grows with the echo's own round trip — twice
 * it, up to ECHO_SETTLE_MAX_MS: a fixed 3 ms, then once the round trip (at most 50 ms), were each
 * seen to lose that race on a loaded 2-core machine.
 */
export const ECHO_SETTLE_MS = 3;
export const ECHO_SETTLE_MAX_MS = 100;

/** The listeners, the messages in flight and their echoes: the part every transport shares. */
export function createBusCore() {
  const listeners = new Set<(notice: InvalidationNotice) => void>();
  const awaiting = new Map<string, () => void>();
  const origin = randomUUID();
  let sequence = 0;
  return {
    listeners,
    /** A wire message: the invalidation and an id this process recognises when it comes back. */
    envelope(message: Invalidation): { id: string; message: Invalidation } {
      sequence += 1;
      return { id: `${origin}:${sequence}`, message: { realmId: message.realmId, userId: message.userId, sessionId: message.sessionId } };
    },
    /**
     * Resolves true when `id` is delivered back here, or false after the timeout (the sender never
     * blocks for good; a transport may take a missing echo for a dead connection).
     */
    echoOf(id: string): Promise<boolean> {
      const sentAt = performance.now();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          awaiting.delete(id);
          resolve(false);
        }, ECHO_TIMEOUT_MS);
        timer.unref();
        awaiting.set(id, () => {
          clearTimeout(timer);
          const roundTrip = performance.now() - sentAt;
          setTimeout(() => resolve(true), Math.min(ECHO_SETTLE_MAX_MS, Math.max(ECHO_SETTLE_MS, 2 * roundTrip)));
        });
      });
    },
    deliver(notice: InvalidationNotice, id?: string): void {
      for (const listener of listeners) listener(notice);
      if (id === undefined) return;
      const done = awaiting.get(id);
      awaiting.delete(id);
      done?.();
    },
    subscribe(listener: (notice: InvalidationNotice) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One process: delivery is a function call. */
export function createLocalInvalidationBus(): InvalidationBus {
  const core = createBusCore();
  return {
    async publish(message) {
      core.deliver(core.envelope(message).message);
    },
    subscribe: core.subscribe,
    connected: true,
    async close() {},
  };
}

/** Reads a wire message defensively: anything else on the channel is ignored. */
export function parseEnvelope(value: unknown): { id: string; message: Invalidation } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { id, message } = value as { id?: unknown; message?: Partial<Invalidation> };
  if (typeof id !== 'string' || !message || typeof message.realmId !== 'string') return undefined;
  const text = (field: unknown) => (typeof field === 'string' ? field : undefined);
  return { id, message: { realmId: message.realmId, userId: text(message.userId), sessionId: text(message.sessionId) } };
}
