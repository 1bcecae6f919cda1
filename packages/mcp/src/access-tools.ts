import type { KeyrealmAdmin } from '@keyrealm/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { answer, call, guarded, unconfirmed } from './call.ts';

/** A realm's service API keys (a new key shown once) and its Cedar policy modules. */
const realm = z.string().min(1).max(100).describe('The realm: its id (rl_…) or slug.');
const confirm = z.boolean().optional().describe('Must be true: the operator agreed to this change.');
const moduleName = z.string().min(1).max(100).describe('The policy module’s name.');

export function registerAccessTools(server: McpServer, admin: KeyrealmAdmin): void {
  server.registerTool('list_api_keys', { title: "List a realm's service API keys", description: 'Service API keys of the realm (never the keys themselves): name, prefix, expiry, last use.', inputSchema: { realm }, annotations: { readOnlyHint: true } }, ({ realm: ref }) =>
    guarded(async () => {
      const list = (await call(admin, 'GET', '/admin/v1/realms/{realm}/api-keys', { path: { realm: ref } })) as { items: unknown[] };
      return answer(`${list.items.length} API key(s).`, list);
    }),
  );
  server.registerTool(
    'create_api_key',
    { title: 'Create a service API key', description: 'A new service key for the realm; the key is in the answer this once (tell the operator to store it). expires_in_days: absent for never.', inputSchema: { realm, name: z.string().min(1).max(100), expires_in_days: z.number().int().min(1).max(3650).optional() } },
    ({ realm: ref, ...body }) =>
      guarded(async () => {
        const created = (await call(admin, 'POST', '/admin/v1/realms/{realm}/api-keys', { path: { realm: ref }, body })) as { id: string; name: string };
        return answer(`Created API key ${created.name} (${created.id}); its key is shown only now.`, created);
      }),
  );
  server.registerTool('revoke_api_key', { title: 'Revoke a service API key', description: 'The key stops working at once.', inputSchema: { realm, id: z.string().min(1).max(100), confirm }, annotations: { destructiveHint: true } }, ({ realm: ref, id, confirm: confirmed }) =>
    guarded(async () => {
      if (confirmed !== true) return unconfirmed(`revokes API key ${id}; whatever uses it stops working`);
      await call(admin, 'DELETE', '/admin/v1/realms/{realm}/api-keys/{id}', { path: { realm: ref, id } });
      return answer(`Revoked API key ${id}.`);
    }),
  );

  server.registerTool('list_policies', { title: "List a realm's policy modules", description: 'The Cedar policy modules that decide POST /realms/{realm}/authorize.', inputSchema: { realm }, annotations: { readOnlyHint: true } }, ({ realm: ref }) =>
    guarded(async () => {
      const list = (await call(admin, 'GET', '/admin/v1/realms/{realm}/policies', { path: { realm: ref } })) as { items: unknown[] };
      return answer(`${list.items.length} policy module(s).`, list);
    }),
  );
  server.registerTool('get_policy', { title: 'Get a policy module', description: 'One module with its Cedar text.', inputSchema: { realm, module: moduleName }, annotations: { readOnlyHint: true } }, ({ realm: ref, module }) =>
    guarded(async () => answer(`Policy module ${module}:`, await call(admin, 'GET', '/admin/v1/realms/{realm}/policies/{module}', { path: { realm: ref, module } }))),
  );
  server.registerTool(
    'put_policy',
    {
      title: 'Save a policy module',
      description: "Creates or replaces a module's Cedar policies (needs confirm: true); they are checked (and validated against the realm's schema) before anything is saved, and refused with the line and column of the problem.",
      inputSchema: { realm, module: moduleName, policy: z.string().min(1).max(200_000), confirm },
      annotations: { idempotentHint: true },
    },
    ({ realm: ref, module, policy, confirm: confirmed }) =>
      guarded(async () => {
        // A forbid saved in a module decides every authorization of the realm at once (found by review: it needed no confirm).
        if (confirmed !== true) return unconfirmed(`replaces policy module ${module}; its permits and forbids decide the realm's authorizations at once`);
        return answer(`Saved policy module ${module}.`, await call(admin, 'PUT', '/admin/v1/realms/{realm}/policies/{module}', { path: { realm: ref, module }, body: { policy } }));
      }),
  );
  server.registerTool('delete_policy', { title: 'Delete a policy module', description: 'Its policies stop deciding at once.', inputSchema: { realm, module: moduleName, confirm }, annotations: { destructiveHint: true } }, ({ realm: ref, module, confirm: confirmed }) =>
    guarded(async () => {
      if (confirmed !== true) return unconfirmed(`deletes policy module ${module}; its permits and forbids stop applying`);
      await call(admin, 'DELETE', '/admin/v1/realms/{realm}/policies/{module}', { path: { realm: ref, module } });
      return answer(`Deleted policy module ${module}.`);
    }),
  );
}
