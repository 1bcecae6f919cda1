import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { positiveInteger } from '../values.ts';

/** `keyrealm events …`: a realm's log, and its live tail. */
const COLUMNS = ['at', 'type', 'code', 'user_id', 'actor', 'id'];

interface EventFilters {
  type?: string;
  code?: number;
  user?: string;
}

const queryOf = (options: EventFilters) => ({ type: options.type, code: options.code, user_id: options.user });

/** One event as a line for people: when, what (code), who, about whom. */
function line(event: Record<string, unknown>): string {
  const actor = event.actor as { type: string; id: string | null };
  const who = actor.id ? `${actor.type} ${actor.id}` : actor.type;
  const code = event.code === null ? '' : ` (${String(event.code)})`;
  return `${String(event.at)}  ${String(event.type)}${code}  by ${who}${event.user_id ? `  user ${String(event.user_id)}` : ''}`;
}

function filterOptions(command: Command): Command {
  return command
    .option('--type <type>', 'only this event type')
    .option('--code <code>', 'only this numeric code', positiveInteger(99_999))
    .option('--user <id>', "only this user's events");
}

export function registerEvents(program: Command, context: () => CliContext): void {
  const events = program.command('events').description("a realm's event log");

  filterOptions(events.command('list <realm>').description('events, newest first'))
    .option('--limit <n>', 'at most this many', positiveInteger(100_000), 50)
    .action(async (realm: string, options: EventFilters & { limit: number }) => {
      const ctx = context();
      const rows: Record<string, unknown>[] = [];
      for await (const event of ctx.admin().events(realm, { ...queryOf(options), limit: Math.min(options.limit, 100) })) {
        const row = event as Record<string, unknown>;
        rows.push({ ...row, actor: (row.actor as { type: string }).type });
        if (rows.length >= options.limit) break;
      }
      ctx.out.list(rows, COLUMNS);
    });

  filterOptions(events.command('tail <realm>').description('events as they happen, until Ctrl-C (reconnects by itself without missing any)'))
    .option('--after <event-id>', 'start after this event (resume where an earlier tail stopped)')
    .action(async (realm: string, options: EventFilters & { after?: string }) => {
      const ctx = context();
      const stream = ctx.admin().followEvents(realm, queryOf(options), { signal: ctx.signal, ...(options.after ? { lastEventId: options.after } : {}) });
      try {
        for await (const event of stream) ctx.out.streamed(event as Record<string, unknown>, line);
      } catch (error) {
        if (!ctx.signal.aborted) throw error;
      }
    });
}
