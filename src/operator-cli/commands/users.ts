import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';
import { CliError, EXIT } from '../exit-codes.ts';
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

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new CliError(`${file} cannot be read: ${(error as Error).message}`, EXIT.usage);
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
    .description('create users from a file, streamed to the server and written in batches (users with plain passwords: `users create`)')
    .addOption(new Option('--from <source>', 'the file: keyrealm (JSON lines, as `users export` writes), keycloak, auth0, firebase or csv').choices([...IMPORT_SOURCES]).default('keyrealm'))
    .option('--columns <mapping>', 'csv: field=Column pairs, comma-separated (custom.<name> for custom attributes)')
    .option('--firebase-hash <parameters>', "firebase: the project's hash parameters, signer_key=…;salt_separator=…;rounds=N;mem_cost=N")
    .option('--dry-run', 'check every row and report, write nothing')
    .action(async (realm: string, file: string, options: { from: string; columns?: string; firebaseHash?: string; dryRun?: boolean }) => {
      const ctx = context();
      const size = fileSize(file);
      const bar = ctx.out.json || !process.stderr.isTTY ? undefined : new SingleBar({ format: 'importing {bar} {percentage}% | {rate} MB/s | ETA {eta_formatted}', hideCursor: true, stream: process.stderr, etaBuffer: 50 });
      bar?.start(size, 0, { rate: '0.0' });
      const started = Date.now();
      let sent = 0;
      const counted = createReadStream(file).pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            sent += chunk.length;
            bar?.update(sent, { rate: (sent / 1e6 / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
            done(null, chunk);
          },
        }),
      );
      const { data: report, error } = (await ctx.admin().api.POST('/admin/v1/realms/{realm}/users/import/{source}', {
        params: { path: { realm, source: options.from as (typeof IMPORT_SOURCES)[number] }, query: { dry_run: options.dryRun ?? false, ...(options.columns ? { columns: options.columns } : {}) } },
        body: Readable.toWeb(counted) as never,
        bodySerializer: (body: unknown) => body,
        headers: { 'content-type': 'application/octet-stream', ...(options.firebaseHash ? { 'keyrealm-firebase-hash': options.firebaseHash } : {}) },
        duplex: 'half',
        signal: ctx.signal,
      } as never)) as { data?: ImportReport; error?: unknown };
      bar?.stop();
      if (!report) throw new CliError(`the import was refused: ${JSON.stringify(error)}`, EXIT.refused);
      if (ctx.out.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        process.stdout.write(`${report.dry_run ? 'Would create' : 'Created'} ${report.created} of ${report.rows} users.\n`);
        if (report.failures.length > 0) ctx.out.list(report.failures, ['row', 'code', 'message']);
        if (report.failures_truncated) process.stdout.write(`(${report.failed} rows were refused; the first ${report.failures.length} are listed.)\n`);
      }
      if (report.failed > 0) process.exitCode = EXIT.partial;
    });
}
