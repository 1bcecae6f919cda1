import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';

/**
 * Commands about the server itself: `serve` runs it and `migrate` brings its database up to date,
 * both with the KEYREALM_* configuration of README.md (no sign-in needed: they are the server);
 * `keys rotate` asks a running server, through the admin API, for a realm's new signing key.
 */
export function registerServer(program: Command, context: () => CliContext): void {
  program
    .command('serve')
    .description('run the Keyrealm server (configured by KEYREALM_* variables, as `npm start`)')
    .action(async () => {
      await import('../../main.ts');
    });

  program
    .command('migrate')
    .description('apply pending database migrations (configured by KEYREALM_* variables)')
    .action(async () => {
      await import('../../cli/migrate.ts');
    });

  const keys = program.command('keys').description("a realm's signing keys");
  /** The realm's keys as the server answered them (newest first): a table, or the JSON itself. */
  const printKeys = (ctx: CliContext, answer: unknown) => {
    if (ctx.out.json) return ctx.out.done('', answer);
    ctx.out.list((answer as { items: Record<string, unknown>[] }).items, ['kid', 'algorithm', 'state', 'created_at', 'verify_until']);
  };
  keys
    .command('list <realm>')
    .description('the signing keys, newest first (metadata only)')
    .action(async (realm: string) => {
      const ctx = context();
      printKeys(ctx, await ctx.admin().request('GET', '/admin/v1/realms/{realm}/keys', { path: { realm } }));
    });
  keys
    .command('rotate <realm>')
    .description('a new signing key; tokens signed by the previous one stay valid until they expire')
    .addOption(confirmOption())
    .action(async (realm: string, options: { yes?: boolean }) => {
      const ctx = context();
      await requireConfirmation(options, `rotate the signing key of realm ${realm}`);
      printKeys(ctx, await ctx.admin().request('POST', '/admin/v1/realms/{realm}/keys/rotate', { path: { realm } }));
    });
  keys
    .command('revoke <realm> <kid>')
    .description('revoke a retired key at once: tokens it signed stop working in the server (for a key that may have leaked)')
    .addOption(confirmOption())
    .action(async (realm: string, kid: string, options: { yes?: boolean }) => {
      const ctx = context();
      await requireConfirmation(options, `revoke key ${kid} of realm ${realm}: every token it signed stops working in the server now`);
      await ctx.admin().request('DELETE', '/admin/v1/realms/{realm}/keys/{kid}', { path: { realm, kid } });
      ctx.out.done(`Revoked key ${kid} of realm ${realm}.`);
    });
}
