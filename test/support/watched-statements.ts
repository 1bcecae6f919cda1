import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';

/**
 * A Kysely plugin for cache tests (`db.withPlugin(watched)`): counts the statements run (as their
 * answers arrive: a prepared statement is compiled once, so only answers count every run), holds
 * those answers while `hold` is set, and makes the next one fail when `failNext` is set.
 */
export class WatchedStatements implements KyselyPlugin {
  sent = 0;
  hold: Promise<void> | undefined;
  failNext = false;

  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.sent += 1;
    const fail = this.failNext;
    this.failNext = false;
    await this.hold;
    if (fail) throw new Error('the database is away');
    return args.result;
  }

  /** Holds every answer from now until the returned function is called. */
  holdAnswers(): () => void {
    let release!: () => void;
    this.hold = new Promise((resolve) => (release = resolve));
    return () => {
      this.hold = undefined;
      release();
    };
  }
}

/** Lets pending promise callbacks (and a read that is not held) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Waits until `done()` holds, at most `timeoutMs` (the assertion after it then says what is
 * missing), then settles once more so that anything further has its chance to show. For work in
 * the background that takes database round trips, which 20 ms does not always cover on a busy
 * machine or on PostgreSQL.
 */
export async function settleUntil(done: () => boolean, timeoutMs = 2000): Promise<void> {
  for (const started = Date.now(); !done() && Date.now() - started < timeoutMs; ) await new Promise((resolve) => setTimeout(resolve, 10));
  await settle();
}
