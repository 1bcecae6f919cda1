import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { confirmOption, requireConfirmation } from '../confirm.ts';
import { bodyOf, keyValue } from '../values.ts';

/** `keyrealm webhooks …`: a realm's webhooks and their deliveries (docs/webhooks.md). */
const COLUMNS = ['id', 'url', 'event_types', 'enabled', 'disabled_reason'];
const DELIVERY_COLUMNS = ['id', 'event_type', 'status', 'attempts', 'response_status', 'last_attempt_at', 'last_error'];
const hookPath = (realm: string, webhook: string) => ({ path: { realm, webhook } });
const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((type) => type.trim()).filter(Boolean)];

export function registerWebhooks(program: Command, context: () => CliContext): void {
  const webhooks = program.command('webhooks').description("a realm's webhooks: create, change, test, rotate secrets, see and retry deliveries");

  webhooks
    .command('list <realm>')
    .description("the realm's webhooks")
    .action(async (realm: string) => {
      const ctx = context();
      const page = (await ctx.admin().request('GET', '/admin/v1/realms/{realm}/webhooks', { path: { realm }, query: { limit: 100 } })) as { items: Record<string, unknown>[] };
      ctx.out.list(page.items, COLUMNS);
    });

  webhooks
    .command('get <realm> <webhook>')
    .description('one webhook')
    .action(async (realm: string, webhook: string) => {
      const ctx = context();
      ctx.out.item((await ctx.admin().request('GET', '/admin/v1/realms/{realm}/webhooks/{webhook}', hookPath(realm, webhook))) as Record<string, unknown>);
    });

  webhooks
    .command('create <realm> <url>')
    .description('a new webhook; prints its signing secret, shown this once')
    .requiredOption('--events <types>', 'event types, comma-separated: exact (user.created), prefixes (user.*) or *', list)
    .option('--description <text>', 'what it is for')
    .option('--disabled', 'create it switched off')
    .action(async (realm: string, url: string, options: { events: string[]; description?: string; disabled?: boolean }) => {
      const ctx = context();
      const body = { url, event_types: options.events, ...(options.description ? { description: options.description } : {}), ...(options.disabled ? { enabled: false } : {}) };
      const created = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/webhooks', { path: { realm }, body })) as Record<string, unknown>;
      ctx.out.done(`Created webhook ${String(created.id)}.`, created);
      ctx.out.done(`Signing secret (shown only now): ${String(created.secret)}`);
    });

  webhooks
    .command('update <realm> <webhook>')
    .description('change fields: --set enabled=false, --set url=…, --events user.*,role.* …')
    .option('--events <types>', 'event types, comma-separated', list)
    .option('--set <key=value>', 'a field (repeatable)', keyValue)
    .option('--data <json>', 'fields as JSON, or @file.json')
    .action(async (realm: string, webhook: string, options: { events?: string[]; set?: Record<string, unknown>; data?: string }) => {
      const ctx = context();
      const body = { ...bodyOf(options), ...(options.events ? { event_types: options.events } : {}) };
      const updated = (await ctx.admin().request('PATCH', '/admin/v1/realms/{realm}/webhooks/{webhook}', { ...hookPath(realm, webhook), body })) as Record<string, unknown>;
      ctx.out.done(`Updated webhook ${webhook}.`, updated);
    });

  webhooks
    .command('delete <realm> <webhook>')
    .description('delete a webhook and its deliveries')
    .addOption(confirmOption())
    .action(async (realm: string, webhook: string, options: { yes?: boolean }) => {
      const ctx = context();
      await requireConfirmation(options, `delete webhook ${webhook} and its deliveries`);
      await ctx.admin().request('DELETE', '/admin/v1/realms/{realm}/webhooks/{webhook}', hookPath(realm, webhook));
      ctx.out.done(`Deleted webhook ${webhook}.`, { deleted: webhook });
    });

  webhooks
    .command('rotate-secret <realm> <webhook>')
    .description('a new signing secret (shown once); the previous one also signs for 24 hours')
    .addOption(confirmOption())
    .action(async (realm: string, webhook: string, options: { yes?: boolean }) => {
      const ctx = context();
      await requireConfirmation(options, `make a new signing secret for webhook ${webhook}`);
      const rotated = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/webhooks/{webhook}/rotate-secret', hookPath(realm, webhook))) as Record<string, unknown>;
      ctx.out.done(`New signing secret (shown only now): ${String(rotated.secret)}`, rotated);
    });

  webhooks
    .command('test <realm> <webhook>')
    .description('send a webhook.test message')
    .action(async (realm: string, webhook: string) => {
      const ctx = context();
      const delivery = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/webhooks/{webhook}/test', hookPath(realm, webhook))) as Record<string, unknown>;
      ctx.out.done(`Queued test delivery ${String(delivery.id)}.`, delivery);
    });

  webhooks
    .command('deliveries <realm> <webhook>')
    .description("a webhook's deliveries, newest first")
    .option('--status <status>', 'pending, sending, succeeded or failed')
    .action(async (realm: string, webhook: string, options: { status?: string }) => {
      const ctx = context();
      const page = (await ctx.admin().request('GET', '/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries', { ...hookPath(realm, webhook), query: { status: options.status, limit: 100 } })) as { items: Record<string, unknown>[] };
      ctx.out.list(page.items, DELIVERY_COLUMNS);
    });

  webhooks
    .command('retry <realm> <webhook> <delivery>')
    .description('send a finished delivery again')
    .action(async (realm: string, webhook: string, delivery: string) => {
      const ctx = context();
      const queued = (await ctx.admin().request('POST', '/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}/retry', { path: { realm, webhook, delivery } })) as Record<string, unknown>;
      ctx.out.done(`Queued delivery ${delivery} again.`, queued);
    });
}
