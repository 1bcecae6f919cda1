import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';
import { EXIT } from '../exit-codes.ts';
import { secretInput } from '../prompt.ts';
import { download, upload } from '../transfer.ts';
import { bodyOf, keyValue, positiveInteger } from '../values.ts';

/** `keyrealm realms …`: the realms this operator may see. */
const COLUMNS = ['id', 'slug', 'name', 'state', 'created_at'];
const realmPath = (realm: string) => ({ path: { realm } });

export function registerRealms(program: Command, context: () => CliContext): void {
  const realms = program.command('realms').description('list, read, create, change, delete, export and import realms');

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

  realms
    .command('export <realm>')
    .description('the whole realm as one JSON document (to --output, or standard output); --with-secrets adds its keys and second-factor seeds sealed under a passphrase')
    .option('--output <file>', 'write here (created readable by you only)')
    .option('--with-secrets', 'seal signing keys, second-factor seeds and identity providers\' secrets under a passphrase (KEYREALM_EXPORT_PASSPHRASE, or asked)')
    .action(async (realm: string, options: { output?: string; withSecrets?: boolean }) => {
      const ctx = context();
      const headers: Record<string, string> = options.withSecrets ? { [PASSPHRASE_HEADER]: await passphrase() } : {};
      await download(ctx, '/admin/v1/realms/{realm}/export', realmPath(realm), options.output, headers);
    });

  realms
    .command('import <file>')
    .description('create a realm from an export (new ids unless --keep-ids); --dry-run checks it and lists conflicts')
    .option('--slug <slug>', "instead of the document's slug")
    .option('--keep-ids', 'keep the ids of the export (moving a realm to another server)')
    .option('--dry-run', 'read and check the whole document, write nothing')
    .option('--with-secrets', 'the export holds sealed secrets: its passphrase comes from KEYREALM_EXPORT_PASSPHRASE, or is asked')
    .action(async (file: string, options: { slug?: string; keepIds?: boolean; dryRun?: boolean; withSecrets?: boolean }) => {
      const ctx = context();
      const headers: Record<string, string> = options.withSecrets ? { [PASSPHRASE_HEADER]: await passphrase() } : {};
      const query = { ids: options.keepIds ? 'keep' : 'new', dry_run: options.dryRun ?? false, ...(options.slug ? { slug: options.slug } : {}) };
      const report = await upload<RealmImportReport>(ctx, '/admin/v1/realms/import', { query }, file, headers);
      const verb = report.dry_run ? 'Would create' : 'Created';
      ctx.out.done(`${verb} realm ${report.realm.slug} (${report.realm.id}) with ${report.users.created} of ${report.users.rows} users.`, report);
      for (const conflict of report.conflicts) ctx.out.done(`conflict: ${conflict}`);
      if (!ctx.out.json && report.users.failures.length > 0) ctx.out.list(report.users.failures, ['row', 'code', 'message']);
      if (report.conflicts.length > 0) process.exitCode = EXIT.refused;
      else if (report.users.failed > 0) process.exitCode = EXIT.partial;
    });
}

const PASSPHRASE_HEADER = 'keyrealm-export-passphrase';

interface RealmImportReport {
  dry_run: boolean;
  realm: { id: string; slug: string };
  conflicts: string[];
  users: { rows: number; created: number; failed: number; failures: { row: number; code: string; message: string }[] };
}

const passphrase = () => secretInput('KEYREALM_EXPORT_PASSPHRASE', 'Export passphrase: ', '--with-secrets needs the passphrase');
