import type { KeyrealmAdmin } from '@keyrealm/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { answer, call, guarded, unconfirmed } from './call.ts';

/** Users of a realm: find, read, create, change, lock and unlock, send a reset link, end sessions. */
const realm = z.string().min(1).max(100).describe('The realm: its id (rl_…) or slug.');
const user = z.string().min(1).max(100).describe('The user id (usr_…).');
const confirm = z.boolean().optional().describe('Must be true: the operator agreed to this change.');

interface UserRow {
  id: string;
  email: string | null;
  username: string | null;
  state: string;
  locked: boolean;
}
const row = ({ id, email, username, state, locked }: UserRow) => ({ id, email, username, state, locked });
const who = (u: Pick<UserRow, 'id' | 'email' | 'username'>) => u.email ?? u.username ?? u.id;

export function registerUserTools(server: McpServer, admin: KeyrealmAdmin): void {
  server.registerTool(
    'list_users',
    {
      title: "Find a realm's users",
      description: 'Users of a realm. `prefix` searches email, username and mobile by their beginning; or filter exactly by email, username, mobile, tag, role, state, locked.',
      inputSchema: {
        realm,
        prefix: z.string().max(320).optional(),
        email: z.string().max(320).optional(),
        username: z.string().max(320).optional(),
        mobile: z.string().max(40).optional(),
        tag: z.string().max(64).optional(),
        role: z.string().max(100).optional(),
        state: z.enum(['active', 'inactive']).optional(),
        locked: z.boolean().optional(),
        limit: z.number().int().min(1).max(100).optional(),
        cursor: z.string().max(512).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    ({ realm: ref, limit, ...filters }) =>
      guarded(async () => {
        const page = (await call(admin, 'GET', '/admin/v1/realms/{realm}/users', { path: { realm: ref }, query: { ...filters, limit: limit ?? 20 } })) as { items: UserRow[]; next_cursor: string | null };
        return answer(`${page.items.length} user(s)${page.next_cursor ? '; more with cursor' : ''}.`, { items: page.items.map(row), next_cursor: page.next_cursor });
      }),
  );

  server.registerTool('get_user', { title: 'Get a user', description: 'A user with profile, custom data, tags, state and lock.', inputSchema: { realm, user }, annotations: { readOnlyHint: true } }, ({ realm: ref, user: id }) =>
    guarded(async () => answer(`User ${id}:`, await call(admin, 'GET', '/admin/v1/realms/{realm}/users/{user}', { path: { realm: ref, user: id } }))),
  );

  server.registerTool(
    'create_user',
    {
      title: 'Create a user',
      description: 'Creates a user; without a password they sign in another way (or get a reset link). `fields` takes any other user field of the admin API (first_name, last_name, tags, custom, email_verified, …).',
      inputSchema: { realm, email: z.string().max(320).optional(), username: z.string().max(320).optional(), password: z.string().max(1000).optional(), fields: z.record(z.string(), z.unknown()).optional() },
    },
    ({ realm: ref, email, username, password, fields }) =>
      guarded(async () => {
        const created = (await call(admin, 'POST', '/admin/v1/realms/{realm}/users', { path: { realm: ref }, body: { ...fields, ...(email ? { email } : {}), ...(username ? { username } : {}), ...(password ? { password } : {}) } })) as UserRow;
        return answer(`Created user ${who(created)} (${created.id}).`, row(created));
      }),
  );

  server.registerTool(
    'update_user',
    { title: 'Change a user', description: 'Changes the fields given (email, username, names, tags, custom, state, …), nothing else.', inputSchema: { realm, user, changes: z.record(z.string(), z.unknown()) }, annotations: { idempotentHint: true } },
    ({ realm: ref, user: id, changes }) =>
      guarded(async () => {
        const updated = (await call(admin, 'PATCH', '/admin/v1/realms/{realm}/users/{user}', { path: { realm: ref, user: id }, body: changes })) as UserRow;
        return answer(`Changed ${Object.keys(changes).join(', ')} of user ${who(updated)}.`, row(updated));
      }),
  );

  server.registerTool(
    'lock_user',
    { title: 'Lock a user', description: 'Locks the account and ends every session it has; it cannot sign in until unlocked.', inputSchema: { realm, user, reason: z.string().max(500).optional(), confirm }, annotations: { destructiveHint: true } },
    ({ realm: ref, user: id, reason, confirm: confirmed }) =>
      guarded(async () => {
        if (confirmed !== true) return unconfirmed(`locks user ${id} and signs them out everywhere`);
        const locked = (await call(admin, 'POST', '/admin/v1/realms/{realm}/users/{user}/lock', { path: { realm: ref, user: id }, body: { reason: reason ?? null } })) as UserRow;
        return answer(`Locked user ${who(locked)}; every session ended.`, row(locked));
      }),
  );

  server.registerTool('unlock_user', { title: 'Unlock a user', description: 'Unlocks the account (and forgets its failed sign-ins).', inputSchema: { realm, user } }, ({ realm: ref, user: id }) =>
    guarded(async () => {
      const unlocked = (await call(admin, 'POST', '/admin/v1/realms/{realm}/users/{user}/unlock', { path: { realm: ref, user: id } })) as UserRow;
      return answer(`Unlocked user ${who(unlocked)}.`, row(unlocked));
    }),
  );

  server.registerTool('send_password_reset', { title: 'Send a password reset link', description: "Mails the user a link to set a new password (the realm's reset mail).", inputSchema: { realm, user } }, ({ realm: ref, user: id }) =>
    guarded(async () => {
      await call(admin, 'POST', '/admin/v1/realms/{realm}/users/{user}/send-reset', { path: { realm: ref, user: id } });
      return answer(`Sent a password reset link to user ${id}.`);
    }),
  );

  server.registerTool(
    'end_sessions',
    { title: "End a user's sessions", description: 'Signs the user out everywhere: every session and its tokens end.', inputSchema: { realm, user, confirm }, annotations: { destructiveHint: true } },
    ({ realm: ref, user: id, confirm: confirmed }) =>
      guarded(async () => {
        if (confirmed !== true) return unconfirmed(`signs user ${id} out of every session`);
        await call(admin, 'POST', '/admin/v1/realms/{realm}/users/{user}/logout', { path: { realm: ref, user: id } });
        return answer(`Ended every session of user ${id}.`);
      }),
  );
}
