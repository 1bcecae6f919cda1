import { createWriteStream, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { bodyOf, keyValue, positiveInteger } from '../values.ts';

/** `keyrealm users …`: one realm's users. */
const COLUMNS = ['id', 'email', 'username', 'state', 'locked', 'created_at'];
/** The admin API takes at most this many users per import request. */
const IMPORT_BATCH = 500;
const userPath = (realm: string, user: string) => ({ path: { realm, user } });

/** Users from a JSON array, or JSON lines, as POST …/users/import takes each. */
function readUsers(file: string): Record<string, unknown>[] {
  const text = readFileSync(file, 'utf8').trim();
  try {
    if (text.startsWith('[')) return JSON.parse(text) as Record<string, unknown>[];
    return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch (error) {
    throw new CliError(`${file} is neither a JSON array nor JSON lines: ${(error as Error).message}`, EXIT.usage);
  }
}

export function registerUsers(program: Command, context: () => CliContext): void {
  const users = program.command('users').description("list, read, create, import, lock and unlock a realm's users");

  users
    .command('list <realm>')
    .description('users, oldest first (filters as the admin API takes them)')
    .option('--prefix <text>', 'email or username starting with this, or mobile')
    .option('--email <email>', 'exact email')
    .option('--tag <tag>', 'carrying this tag')
    .option('--state <state>', 'active or inactive')
    .option('--locked', 'only locked users')
    .option('--limit <n>', 'at most this many', positiveInteger(10_000_000), 50)
    .action(async (realm: string, options: { prefix?: string; email?: string; tag?: string; state?: 'active' | 'inactive'; locked?: boolean; limit: number }) => {
      const ctx = context();
      const { limit, ...filters } = options;
      const rows: Record<string, unknown>[] = [];
      for await (const user of ctx.admin().users(realm, { ...filters, limit: Math.min(limit, 100) })) {
        rows.push(user as Record<string, unknown>);
        if (rows.length >= limit) break;
      }
      ctx.out.list(rows, COLUMNS);
    });

  users
    .command('get <realm> <user>')
    .description('one user, by id')
    .action(async (realm: string, user: string) => {
      const ctx = context();
      ctx.out.item((await ctx.admin().request('GET', '/admin/v1/realms/{realm}/users/{user}', userPath(realm, user))) as Record<string, unknown>);
    });

  users
    .command('create <realm>')
    .description('a new user: --set email=… --set password=… (or --data JSON)')
    .option('--set <key=value>', 'a field (repeatable)', keyValue)
    .option('--data <json>', 'the user as JSON, or @file.json')
    .action(async (realm: string, options: { set?: Record<string, unknown>; data?: string }) => {
      const ctx = context();
      const created = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/users', { path: { realm }, body: bodyOf(options) })) as Record<string, unknown>;
      ctx.out.done(`Created user ${String(created.id)}.`, created);
    });

  users
    .command('lock <realm> <user>')
    .description('lock a user and end their sessions')
    .option('--reason <text>', 'why (shown to operators)')
    .addOption(confirmOption())
    .action(async (realm: string, user: string, options: { reason?: string; yes?: boolean }) => {
      const ctx = context();
      await requireConfirmation(options, `lock user ${user} and end their sessions`);
      const locked = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/users/{user}/lock', { ...userPath(realm, user), body: options.reason ? { reason: options.reason } : {} })) as Record<string, unknown>;
      ctx.out.done(`Locked user ${user}.`, locked);
    });

  users
    .command('unlock <realm> <user>')
    .description('unlock a user')
    .action(async (realm: string, user: string) => {
      const ctx = context();
      const unlocked = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/users/{user}/unlock', userPath(realm, user))) as Record<string, unknown>;
      ctx.out.done(`Unlocked user ${user}.`, unlocked);
    });

  users
    .command('export <realm>')
    .description('every user the filters select, streamed as JSON lines or CSV (to --output, or standard output)')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('--fields <list>', 'comma-separated user fields, in order (default: all)')
    .option('--tag <tag>', 'carrying this tag')
    .option('--state <state>', 'active or inactive')
    .option('--output <file>', 'write here instead of standard output')
    .action(async (realm: string, options: { format: string; fields?: string; tag?: string; state?: string; output?: string }) => {
      const ctx = context();
      const { output, ...query } = options;
      const { response } = await ctx.admin().api.GET('/admin/v1/realms/{realm}/users/export', { params: { path: { realm }, query: query as never }, parseAs: 'stream', signal: ctx.signal });
      if (!response.body) throw new CliError('the export answered no body', EXIT.refused);
      const target = output ? createWriteStream(output) : process.stdout;
      await response.body.pipeTo(Writable.toWeb(target), { preventClose: !output });
      if (output) process.stderr.write(`Exported to ${output}.\n`);
    });

  users
    .command('import <realm> <file>')
    .description('create users from a JSON array or JSON lines file (each as the admin API takes a user, usually with password_hash), in batches')
    .action(async (realm: string, file: string) => {
      const ctx = context();
      const all = readUsers(file);
      const bar = ctx.out.json || !process.stderr.isTTY ? undefined : new SingleBar({ format: 'importing {bar} {value}/{total} users | {speed}/s | ETA {eta_formatted}', hideCursor: true, stream: process.stderr });
      bar?.start(all.length, 0, { speed: 0 });
      const started = Date.now();
      const failed: Record<string, unknown>[] = [];
      let created = 0;
      for (let offset = 0; offset < all.length && !ctx.signal.aborted; offset += IMPORT_BATCH) {
        const batch = all.slice(offset, offset + IMPORT_BATCH);
        const answer = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/users/import', { path: { realm }, body: { users: batch } })) as { created: unknown[]; failed: { index: number; code: string; message: string }[] };
        created += answer.created.length;
        for (const refusal of answer.failed) failed.push({ row: offset + refusal.index + 1, code: refusal.code, message: refusal.message });
        const done = offset + batch.length;
        bar?.update(done, { speed: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
      }
      bar?.stop();
      if (ctx.out.json) {
        process.stdout.write(`${JSON.stringify({ created, failed })}\n`);
      } else {
        process.stdout.write(`Created ${created} of ${all.length} users.\n`);
        if (failed.length > 0) ctx.out.list(failed, ['row', 'code', 'message']);
      }
      if (ctx.signal.aborted) throw new CliError('interrupted', EXIT.interrupted);
      if (failed.length > 0) process.exitCode = EXIT.partial;
    });
}
