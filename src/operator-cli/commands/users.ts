import { Option, type Command } from 'commander';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';
import { EXIT } from '../exit-codes.ts';
import { secretInput } from '../prompt.ts';
import { download, upload } from '../transfer.ts';
import { bodyOf, keyValue, positiveInteger } from '../values.ts';

/** `keyrealm users …`: one realm's users. */
const COLUMNS = ['id', 'email', 'username', 'state', 'locked', 'created_at'];
const userPath = (realm: string, user: string) => ({ path: { realm, user } });

const IMPORT_SOURCES = ['keyrealm', 'keycloak', 'auth0', 'firebase', 'csv'] as const;

interface ImportReport {
  dry_run: boolean;
  rows: number;
  created: number;
  failed: number;
  failures: { row: number; code: string; message: string }[];
  failures_truncated: boolean;
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
      const { output, ...query } = options;
      await download(context(), '/admin/v1/realms/{realm}/users/export', { path: { realm }, query }, output);
    });

  users
    .command('import <realm> <file>')
    .description('create users from a file, streamed to the server and written in batches (users with plain passwords: `users create`)')
    .addOption(new Option('--from <source>', 'the file: keyrealm (JSON lines, as `users export` writes), keycloak, auth0, firebase or csv').choices([...IMPORT_SOURCES]).default('keyrealm'))
    .option('--columns <mapping>', 'csv: field=Column pairs, comma-separated (custom.<name> for custom attributes)')
    .option('--dry-run', 'check every row and report, write nothing')
    .action(async (realm: string, file: string, options: { from: string; columns?: string; dryRun?: boolean }) => {
      const ctx = context();
      // Firebase's hash parameters hold the project's signer key: a secret, so not an option. Without
      // them (none given, or an empty answer) the users come without passwords and the report says so.
      const firebaseHash = options.from === 'firebase' ? await secretInput('KEYREALM_FIREBASE_HASH', 'Firebase hash parameters (signer_key=…;salt_separator=…;rounds=N;mem_cost=N; empty for none): ') : undefined;
      const report = await upload<ImportReport>(
        ctx,
        '/admin/v1/realms/{realm}/users/import/{source}',
        { path: { realm, source: options.from }, query: { dry_run: options.dryRun ?? false, ...(options.columns ? { columns: options.columns } : {}) } },
        file,
        firebaseHash ? { 'keyrealm-firebase-hash': firebaseHash } : {},
      );
      ctx.out.done(`${report.dry_run ? 'Would create' : 'Created'} ${report.created} of ${report.rows} users.`, report);
      if (!ctx.out.json && report.failures.length > 0) ctx.out.list(report.failures, ['row', 'code', 'message']);
      if (report.failures_truncated) ctx.out.done(`(${report.failed} rows were refused; the first ${report.failures.length} are listed.)`);
      if (report.failed > 0) process.exitCode = EXIT.partial;
    });
}
