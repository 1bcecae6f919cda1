/**
 * Reads of a cache that no request of a busy key waits for (the realm lookup, validate's state,
 * roles). Under load, an entry that expired was read again by every request that arrived before
 * the first read came back: on PostgreSQL dozens of reads at once, which queued for the pool and
 * held those requests up to two seconds (docs/benchmarks.md). Two remedies, used together:
 *
 * - `SharedReads`: requests that find no entry share one read of it;
 * - `dueForRefresh`: an entry in the last quarter of its time is read again in the background
 *   while it is still served, so a key in use never expires at all.
 *
 * A change is told to the cache as a notice (`heard`), which every read under way records. What
 * a read found is kept only if no notice it recorded concerns it (`stale`): it may predate that
 * change. A request that joined a read after such a notice reads again for itself; one that was
 * there before it is as concurrent with the change as the read. Notices about other keys change
 * nothing, so a busy server's changes elsewhere never stop a key from being cached.
 */
export interface ReadPlan<V, N> {
  read: () => Promise<V>;
  /** Whether `value` may predate one of `notices`, heard while it was being read. */
  stale: (value: V, notices: readonly N[]) => boolean;
  /** Keeps a value no notice made stale. */
  keep: (value: V) => void;
}

interface Flight<N> {
  startedAt: number;
  heard: N[];
  /** More notices came than are recorded: everything the read found counts as stale. */
  deafened: boolean;
  read: Promise<unknown>;
}

/** Notices recorded per read at most; a read that hears more (one stuck for long) is kept by nobody. */
const MOST_NOTICES = 64;

export class SharedReads<K, N> {
  /** The read each key's callers join: its newest. */
  readonly #flights = new Map<K, Flight<N>>();
  /** Every read under way, older ones a newer read has replaced included: all of them hear notices. */
  readonly #underWay = new Set<Flight<N>>();
  readonly #joinWithinMs: number;

  /** `joinWithinMs`: a read older than this is not joined (a stuck statement must not hold every later request). */
  constructor(joinWithinMs: number) {
    this.#joinWithinMs = joinWithinMs;
  }

  /** The value of `key`: from the read of it under way, or from a new one. */
  async run<V>(key: K, now: number, plan: ReadPlan<V, N>): Promise<V> {
    const under = this.#flights.get(key);
    const flight = under !== undefined && now - under.startedAt < this.#joinWithinMs ? under : this.#start(key, now, plan);
    const heardBeforeJoining = flight.heard.length;
    const deafBeforeJoining = flight.deafened;
    let value: V;
    try {
      value = (await flight.read) as V;
    } catch (error) {
      // A failed read says nothing it could be judged by: after any change, read again for this caller.
      if (flight === under && (deafBeforeJoining || heardBeforeJoining > 0)) return this.run(key, now, plan);
      throw error;
    }
    if (flight !== under) return value;
    // Joined after a change that concerns what was found: read again, without this read.
    if (deafBeforeJoining || plan.stale(value, flight.heard.slice(0, heardBeforeJoining))) return this.run(key, now, plan);
    return value;
  }

  /** A change: every read under way records it. */
  heard(notice: N): void {
    for (const flight of this.#underWay) {
      if (flight.heard.length < MOST_NOTICES) flight.heard.push(notice);
      else flight.deafened = true;
    }
  }

  /** Reads under way (none once they have all come back). */
  get size(): number {
    return this.#underWay.size;
  }

  #start<V>(key: K, now: number, plan: ReadPlan<V, N>): Flight<N> {
    const flight: Flight<N> = { startedAt: now, heard: [], deafened: false, read: Promise.resolve() };
    flight.read = plan.read().then((value) => {
      if (!flight.deafened && !plan.stale(value, flight.heard)) plan.keep(value);
      return value;
    });
    this.#flights.set(key, flight);
    this.#underWay.add(flight);
    const landed = () => {
      this.#underWay.delete(flight);
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    };
    flight.read.then(landed, landed);
    return flight;
  }
}

/**
 * Whether an entry kept until `until` for `ttlMs` is in the last quarter of its time, and should be
 * read again now: early enough for the read to land before it ends, late enough that a key in
 * constant use is read a third more often than by expiry alone, not twice as often (at half).
 */
export const dueForRefresh = (until: number, ttlMs: number, now: number): boolean => now >= until - ttlMs / 4;

/**
 * Starts a read in the background. A failure changes nothing: the entry lives out its time, and
 * the first request after it reads in the foreground, where a failure is that request's.
 */
export function refreshInBackground(read: Promise<unknown>): void {
  read.catch(() => {});
}
