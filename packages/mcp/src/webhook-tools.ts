import type { KeyrealmAdmin } from '@keyrealm/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { answer, call, guarded, unconfirmed } from './call.ts';

/** What webhooks have beyond the collection tools: deliveries, retries, test messages, secret rotation. */
const realm = z.string().min(1).max(100).describe('The realm: its id (rl_…) or slug.');
const webhook = z.string().min(1).max(100).describe('The webhook: its id (whk_…).');
const confirm = z.boolean().optional().describe('Must be true: the operator agreed to this change.');
const status = z.enum(['pending', 'sending', 'succeeded', 'failed']).optional().describe('Only deliveries in this state.');

export function registerWebhookTools(server: McpServer, admin: KeyrealmAdmin): void {
  server.registerTool(
    'list_webhook_deliveries',
    { title: "List a webhook's deliveries", description: 'Newest first: status, attempts, the endpoint’s status code and the start of its answer, or why there was none.', inputSchema: { realm, webhook, status, limit: z.number().int().min(1).max(100).optional() }, annotations: { readOnlyHint: true } },
    ({ realm: ref, webhook: hook, status: state, limit }) =>
      guarded(async () => {
        const page = (await call(admin, 'GET', '/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries', { path: { realm: ref, webhook: hook }, query: { status: state, limit: limit ?? 20 } })) as { items: unknown[] };
        return answer(`${page.items.length} deliveries.`, page);
      }),
  );
  server.registerTool('retry_webhook_delivery', { title: 'Send a delivery again', description: 'Sends a finished (succeeded or failed) delivery again now, with a fresh round of attempts.', inputSchema: { realm, webhook, delivery: z.string().min(1).max(100) } }, ({ realm: ref, webhook: hook, delivery }) =>
    guarded(async () => answer(`Queued delivery ${delivery} again.`, await call(admin, 'POST', '/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}/retry', { path: { realm: ref, webhook: hook, delivery } }))),
  );
  server.registerTool('send_test_webhook', { title: 'Send a test message to a webhook', description: 'Queues a webhook.test message to this webhook alone; see its delivery with list_webhook_deliveries.', inputSchema: { realm, webhook } }, ({ realm: ref, webhook: hook }) =>
    guarded(async () => answer(`Queued a test message to webhook ${hook}.`, await call(admin, 'POST', '/admin/v1/realms/{realm}/webhooks/{webhook}/test', { path: { realm: ref, webhook: hook } }))),
  );
  server.registerTool('rotate_webhook_secret', { title: "Rotate a webhook's signing secret", description: 'A new secret, shown this once; the previous one also signs for 24 hours so the receiver can switch.', inputSchema: { realm, webhook, confirm }, annotations: { destructiveHint: true } }, ({ realm: ref, webhook: hook, confirm: confirmed }) =>
    guarded(async () => {
      if (confirmed !== true) return unconfirmed(`makes a new signing secret for webhook ${hook}; the receiver must switch to it within 24 hours`);
      return answer(`New secret for webhook ${hook}; it is shown only now.`, await call(admin, 'POST', '/admin/v1/realms/{realm}/webhooks/{webhook}/rotate-secret', { path: { realm: ref, webhook: hook } }));
    }),
  );
}
