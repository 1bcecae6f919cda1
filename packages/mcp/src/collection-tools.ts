import type { KeyrealmAdmin } from '@keyrealm/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { answer, call, guarded, unconfirmed } from './call.ts';

/**
 * A realm's collections managed the same way — applications, identity providers, roles, tenants, webhooks —
 * each with list, get, create, update and delete (delete needs confirm: true); plus a user's roles
 * and a tenant's members. One table below says what differs.
 */
interface Collection {
  /** Singular and plural names for the tools (`list_roles`, `get_role`…). */
  one: string;
  many: string;
  /** The path under /admin/v1/realms/{realm}/ and the name of its item parameter. */
  path: string;
  param: string;
  what: string;
  fields: string;
  deleting: string;
  /** How an item is named in a path; by default "its id or slug". */
  ref?: string;
}

const COLLECTIONS: Collection[] = [
  {
    one: 'application', many: 'applications', path: 'applications', param: 'app',
    what: 'Applications (OAuth/OpenID Connect clients) of the realm.',
    fields: 'kind ("web", "spa", "native", "machine", "device"), name, redirect_uris (exact), post_logout_redirect_uris, consent ("implicit" | "required"), scopes, enabled. A confidential application\'s client_secret is shown once, on creation.',
    deleting: 'deletes the application; its tokens stop working',
  },
  {
    one: 'identity_provider', many: 'identity_providers', path: 'identity-providers', param: 'idp',
    what: "The realm's identity providers (sign-in with Google, Microsoft, GitHub, any OpenID Connect, OAuth 2.0 or SAML provider).",
    fields: 'slug, display_name, preset ("google", "microsoft", "apple", "github", "gitlab", "facebook", "linkedin", "discord", "slack") or oidc/oauth2/saml settings, client_secret (write-only), enabled, trust_email, first_sign_in ("create" | "link" | "refuse"), link_by_email, mapping (fields, custom, tags, roles), position.',
    deleting: 'deletes the provider, its links to accounts, and ends the sessions that came through it',
  },
  {
    one: 'role', many: 'roles', path: 'roles', param: 'role',
    what: "The realm's roles (with permissions, and roles they include).",
    fields: 'slug, display_name, description, permissions (strings such as "orders:read"), includes (other roles), active.',
    deleting: 'deletes the role and takes it from every user who has it',
  },
  {
    one: 'tenant', many: 'tenants', path: 'tenants', param: 'tenant',
    what: "The realm's tenants (organisations users belong to and sign in to).",
    fields: 'slug, name, active, custom.',
    deleting: 'deletes the tenant and its memberships',
  },
  {
    one: 'webhook', many: 'webhooks', path: 'webhooks', param: 'webhook', ref: 'its id (whk_…)',
    what: "The realm's webhooks: HTTPS endpoints its events are sent to, signed per Standard Webhooks.",
    fields: 'url (https), event_types (exact types such as "user.created", prefixes such as "user.*", or "*"), enabled, description. The signing secret is shown once, on creation.',
    deleting: 'deletes the webhook and its deliveries; its endpoint hears nothing more',
  },
];

const realm = z.string().min(1).max(100).describe('The realm: its id (rl_…) or slug.');
const item = (c: Collection) => z.string().min(1).max(100).describe(`The ${c.one.replace('_', ' ')}: ${c.ref ?? 'its id or slug'}.`);
const confirm = z.boolean().optional().describe('Must be true: the operator agreed to this change.');
const fields = z.record(z.string(), z.unknown());

function registerCollection(server: McpServer, admin: KeyrealmAdmin, c: Collection): void {
  const list = `/admin/v1/realms/{realm}/${c.path}`;
  const one = `${list}/{${c.param}}`;
  const label = c.one.replace('_', ' ');
  server.registerTool(`list_${c.many}`, { title: `List ${c.many.replace('_', ' ')}`, description: c.what, inputSchema: { realm, limit: z.number().int().min(1).max(100).optional(), cursor: z.string().max(512).optional() }, annotations: { readOnlyHint: true } }, ({ realm: ref, limit, cursor }) =>
    guarded(async () => {
      const page = (await call(admin, 'GET', list, { path: { realm: ref }, query: { limit: limit ?? 20, cursor } })) as { items: unknown[]; next_cursor: string | null };
      return answer(`${page.items.length} ${c.many.replace('_', ' ')}${page.next_cursor ? '; more with cursor' : ''}.`, page);
    }),
  );
  server.registerTool(`get_${c.one}`, { title: `Get a ${label}`, description: `One of ${c.what.toLowerCase()}`, inputSchema: { realm, [c.param]: item(c) }, annotations: { readOnlyHint: true } }, (args: Record<string, string>) =>
    guarded(async () => answer(`The ${label} ${args[c.param]}:`, await call(admin, 'GET', one, { path: { realm: args.realm, [c.param]: args[c.param] } }))),
  );
  server.registerTool(`create_${c.one}`, { title: `Create a ${label}`, description: `Creates one. Fields: ${c.fields}`, inputSchema: { realm, fields } }, ({ realm: ref, fields: body }) =>
    guarded(async () => {
      const created = (await call(admin, 'POST', list, { path: { realm: ref }, body })) as { id?: string; slug?: string };
      return answer(`Created ${label} ${created.slug ?? created.id}.`, created);
    }),
  );
  server.registerTool(`update_${c.one}`, { title: `Change a ${label}`, description: `Changes the fields given. Fields: ${c.fields}`, inputSchema: { realm, [c.param]: item(c), changes: fields }, annotations: { idempotentHint: true } }, (args: Record<string, unknown>) =>
    guarded(async () => {
      const changes = args.changes as Record<string, unknown>;
      const updated = await call(admin, 'PATCH', one, { path: { realm: String(args.realm), [c.param]: String(args[c.param]) }, body: changes });
      return answer(`Changed ${Object.keys(changes).join(', ')} of ${label} ${String(args[c.param])}.`, updated);
    }),
  );
  server.registerTool(`delete_${c.one}`, { title: `Delete a ${label}`, description: `Deletes it: this ${c.deleting}.`, inputSchema: { realm, [c.param]: item(c), confirm }, annotations: { destructiveHint: true } }, (args: Record<string, unknown>) =>
    guarded(async () => {
      const ref = String(args[c.param]);
      if (args.confirm !== true) return unconfirmed(`${c.deleting} (${label} ${ref})`);
      await call(admin, 'DELETE', one, { path: { realm: String(args.realm), [c.param]: ref } });
      return answer(`Deleted ${label} ${ref}.`);
    }),
  );
}

export function registerCollectionTools(server: McpServer, admin: KeyrealmAdmin): void {
  for (const collection of COLLECTIONS) registerCollection(server, admin, collection);
  const user = z.string().min(1).max(100).describe('The user id (usr_…).');
  server.registerTool('assign_role', { title: 'Give a user a role', description: 'Gives the role (id or slug), from now or starts_at, until ends_at (ISO 8601) or for good.', inputSchema: { realm, user, role: z.string().min(1).max(100), starts_at: z.string().max(40).optional(), ends_at: z.string().max(40).optional() } }, ({ realm: ref, user: id, ...body }) =>
    guarded(async () => answer(`Gave role ${body.role} to user ${id}.`, await call(admin, 'POST', '/admin/v1/realms/{realm}/users/{user}/roles', { path: { realm: ref, user: id }, body }))),
  );
  server.registerTool('unassign_role', { title: "Take a user's role", description: 'Takes the role (id or slug) from the user.', inputSchema: { realm, user, role: z.string().min(1).max(100) }, annotations: { destructiveHint: true } }, ({ realm: ref, user: id, role }) =>
    guarded(async () => {
      await call(admin, 'DELETE', '/admin/v1/realms/{realm}/users/{user}/roles/{role}', { path: { realm: ref, user: id, role } });
      return answer(`Took role ${role} from user ${id}.`);
    }),
  );
  server.registerTool('add_tenant_member', { title: 'Add a user to a tenant', description: 'Makes the user a member of the tenant, with tenant roles if given.', inputSchema: { realm, tenant: z.string().min(1).max(100), user_id: z.string().min(1).max(100), roles: z.array(z.string().max(100)).max(50).optional() } }, ({ realm: ref, tenant, ...body }) =>
    guarded(async () => answer(`Added user ${body.user_id} to tenant ${tenant}.`, await call(admin, 'POST', '/admin/v1/realms/{realm}/tenants/{tenant}/members', { path: { realm: ref, tenant }, body }))),
  );
  server.registerTool('remove_tenant_member', { title: 'Remove a user from a tenant', description: "Ends the user's membership of the tenant.", inputSchema: { realm, tenant: z.string().min(1).max(100), user, confirm }, annotations: { destructiveHint: true } }, ({ realm: ref, tenant, user: id, confirm: confirmed }) =>
    guarded(async () => {
      if (confirmed !== true) return unconfirmed(`removes user ${id} from tenant ${tenant}`);
      await call(admin, 'DELETE', '/admin/v1/realms/{realm}/tenants/{tenant}/members/{user}', { path: { realm: ref, tenant, user: id } });
      return answer(`Removed user ${id} from tenant ${tenant}.`);
    }),
  );
}
