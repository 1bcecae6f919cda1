import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';
import { bodyOf, keyValue, positiveInteger } from '../values.ts';

/** `keyrealm realms …`: the realms this operator may see. */
const COLUMNS = ['id', 'slug', 'name', 'state', 'created_at'];
const realmPath = (realm: string) => ({ path: { realm } });

export function registerRealms(program: Command, context: () => CliContext): void {
  const realms = program.command('realms').description('list, read, create, change and delete realms');

  realms
    .command('list')
    .description('realms by name (search with --q: a prefix of the name or slug, or an id)')
    .option('--q <text>', 'search')
    .option('--state <state>', 'active or inactive')
    .option('--limit <n>', 'at most this many', positiveInteger(100_000), 50)
    .action(async (options: { q?: string; state?: 'active' | 'inactive'; limit: number }) => {
      const ctx = context();
      const rows: Record<string, unknown>[] = [];
      for await (const realm of ctx.admin().realms({ q: options.q, state: options.state, limit: Math.min(options.limit, 100) })) {
        rows.push(realm as Record<string, unknown>);
        if (rows.length >= options.limit) break;
      }
      ctx.out.list(rows, COLUMNS);
    });

  realms
    .command('get <realm>')
    .description('one realm and every setting (by id or slug)')
    .action(async (realm: string) => {
      const ctx = context();
      ctx.out.item((await ctx.admin().request('GET', '/admin/v1/realms/{realm}', realmPath(realm))) as Record<string, unknown>);
    });

  realms
    .command('create <name>')
    .description('a new realm; settings as --set key=value (dotted for nested: --set tokens.access_token_minutes=30) or --data JSON')
    .option('--slug <slug>', 'its slug (made from the name when absent)')
    .option('--preset <preset>', 'security preset: high, balanced or convenience')
    .option('--set <key=value>', 'a setting (repeatable)', keyValue)
    .option('--data <json>', 'settings as JSON, or @file.json')
    .action(async (name: string, options: { slug?: string; preset?: string; set?: Record<string, unknown>; data?: string }) => {
      const ctx = context();
      const body = { ...bodyOf(options), name, ...(options.slug ? { slug: options.slug } : {}), ...(options.preset ? { preset: options.preset } : {}) };
      const created = (await ctx.admin().request('POST', '/admin/v1/realms', { body })) as Record<string, unknown>;
      ctx.out.done(`Created realm ${String(created.slug)} (${String(created.id)}).`, created);
    });

  realms
    .command('update <realm>')
    .description('change settings: --set key=value (repeatable) or --data JSON')
    .option('--set <key=value>', 'a setting (repeatable)', keyValue)
    .option('--data <json>', 'settings as JSON, or @file.json')
    .action(async (realm: string, options: { set?: Record<string, unknown>; data?: string }) => {
      const ctx = context();
      const updated = (await ctx.admin().request('PATCH', '/admin/v1/realms/{realm}', { ...realmPath(realm), body: bodyOf(options) })) as Record<string, unknown>;
      ctx.out.done(`Updated realm ${String(updated.slug)}.`, updated);
    });

  realms
    .command('delete <realm>')
    .description('delete a realm with its users, sessions and events')
    .addOption(confirmOption())
    .action(async (realm: string, options: { yes?: boolean }) => {
      const ctx = context();
      await requireConfirmation(options, `delete realm ${realm} with all its users, sessions and events`);
      await ctx.admin().request('DELETE', '/admin/v1/realms/{realm}', realmPath(realm));
      ctx.out.done(`Deleted realm ${realm}.`, { deleted: realm });
    });
}
