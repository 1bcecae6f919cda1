import type { KeyrealmAdmin } from '@keyrealm/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { answer, call, guarded, unconfirmed } from './call.ts';

/** Realms: find, read, create, change, rotate keys, delete. */
const realm = z.string().min(1).max(100).describe('The realm: its id (rl_…) or slug.');
const confirm = z.boolean().optional().describe('Must be true: the operator agreed to this change.');

const SETTINGS = `Realm settings, as the admin API's realm object has them (only the fields given change), for example:
- tokens: { access_token_minutes, refresh_token_days } — token lifetimes;
- password_policy: { min_length, … } — the password rules;
- sign_in: { first_factors: ["password", "email_otp", "magic_link", "passkey", …], mfa: "off" | "optional" | "required" };
- users: { registration: { enabled } } — self sign-up;
- brute_force, email, passkeys, branding, localisation, public_info, state ("active" | "inactive").
The API checks every value and answers what it refused and why.`;

/**
 * Settings that can lock everyone out or weaken sign-in: the realm switched off, sign-in methods and
 * MFA, the password policy (and `preset`, which sets its length), the brute-force guard, passkeys'
 * RP ID and origins (a change strands every passkey) and the users' rules (sign-up opened). Changing
 * them needs confirm, as locking a user does (found by review: update_realm changed them unasked).
 * Token lifetimes, the everyday change, do not.
 */
const GUARDED_SETTINGS = ['state', 'sign_in', 'password_policy', 'preset', 'brute_force', 'passkeys', 'users'];

export function registerRealmTools(server: McpServer, admin: KeyrealmAdmin): void {
  server.registerTool(
    'list_realms',
    { title: 'List realms', description: 'Realms the operator may see, newest first; `q` searches names and slugs by prefix.', inputSchema: { q: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).optional(), cursor: z.string().max(512).optional() }, annotations: { readOnlyHint: true } },
    ({ q, limit, cursor }) =>
      guarded(async () => {
        const page = (await call(admin, 'GET', '/admin/v1/realms', { query: { q, limit: limit ?? 20, cursor } })) as { items: { id: string; slug: string; name: string; state: string }[]; next_cursor: string | null };
        const items = page.items.map(({ id, slug, name, state }) => ({ id, slug, name, state }));
        return answer(`${items.length} realm(s)${page.next_cursor ? '; more with cursor' : ''}.`, { items, next_cursor: page.next_cursor });
      }),
  );

  server.registerTool('get_realm', { title: 'Get a realm', description: "A realm's settings: sign-in methods, MFA, token lifetimes, password policy, registration, branding and the rest.", inputSchema: { realm }, annotations: { readOnlyHint: true } }, ({ realm: ref }) =>
    guarded(async () => answer(`Realm ${ref}:`, await call(admin, 'GET', '/admin/v1/realms/{realm}', { path: { realm: ref } }))),
  );

  server.registerTool(
    'list_signing_keys',
    { title: "List a realm's signing keys", description: 'Key ids (kid), algorithm, state (active or retired) and until when a retired key verifies; never key material.', inputSchema: { realm }, annotations: { readOnlyHint: true } },
    ({ realm: ref }) => guarded(async () => answer(`Signing keys of realm ${ref}, newest first:`, await call(admin, 'GET', '/admin/v1/realms/{realm}/keys', { path: { realm: ref } }))),
  );

  server.registerTool(
    'create_realm',
    {
      title: 'Create a realm',
      description: `Creates a realm. \`preset\` ("high", "balanced", "convenience") sets password length, token lifetimes and email verification at once. ${SETTINGS}`,
      inputSchema: { name: z.string().min(1).max(200), slug: z.string().max(100).optional(), preset: z.enum(['high', 'balanced', 'convenience']).optional(), settings: z.record(z.string(), z.unknown()).optional() },
    },
    ({ name, slug, preset, settings }) =>
      guarded(async () => {
        const created = (await call(admin, 'POST', '/admin/v1/realms', { body: { ...settings, name, ...(slug ? { slug } : {}), ...(preset ? { preset } : {}) } })) as { id: string; slug: string };
        return answer(`Created realm ${created.slug} (${created.id}).`, created);
      }),
  );

  server.registerTool(
    'update_realm',
    {
      title: "Change a realm's settings",
      description: `Changes the fields given and nothing else; changes to ${GUARDED_SETTINGS.join(', ')} need confirm: true. ${SETTINGS}`,
      inputSchema: { realm, changes: z.record(z.string(), z.unknown()).describe('The fields to change.'), confirm },
      annotations: { idempotentHint: true },
    },
    ({ realm: ref, changes, confirm: confirmed }) =>
      guarded(async () => {
        const guardedChanges = GUARDED_SETTINGS.filter((key) => Object.hasOwn(changes, key));
        if (guardedChanges.length > 0 && confirmed !== true) return unconfirmed(`changes ${guardedChanges.join(', ')} of realm ${ref}, which decide who can sign in and how`);
        const updated = await call(admin, 'PATCH', '/admin/v1/realms/{realm}', { path: { realm: ref }, body: changes });
        return answer(`Changed ${Object.keys(changes).join(', ')} of realm ${ref}.`, updated);
      }),
  );

  server.registerTool(
    'rotate_keys',
    { title: "Rotate a realm's signing keys", description: 'A new signing key signs from now on; tokens signed with the old one stay valid until they expire.', inputSchema: { realm, confirm }, annotations: { destructiveHint: true } },
    ({ realm: ref, confirm: confirmed }) =>
      guarded(async () => {
        if (confirmed !== true) return unconfirmed(`rotates realm ${ref}'s signing key`);
        return answer(`Rotated the signing keys of realm ${ref}.`, await call(admin, 'POST', '/admin/v1/realms/{realm}/keys/rotate', { path: { realm: ref } }));
      }),
  );

  server.registerTool(
    'revoke_signing_key',
    {
      title: 'Revoke a retired signing key at once',
      description: "For a key that may have leaked: tokens it signed stop working in the server now instead of when they expire (resource servers that cache the key set may accept them a few minutes more). Only a retired key (rotate_keys first; list_signing_keys shows them); users stay signed in.",
      inputSchema: { realm, kid: z.string().min(1).max(100).describe('The key id (kid).'), confirm },
      annotations: { destructiveHint: true },
    },
    ({ realm: ref, kid, confirm: confirmed }) =>
      guarded(async () => {
        if (confirmed !== true) return unconfirmed(`makes every token signed with key ${kid} of realm ${ref} stop working at once`);
        await call(admin, 'DELETE', '/admin/v1/realms/{realm}/keys/{kid}', { path: { realm: ref, kid } });
        return answer(`Revoked signing key ${kid} of realm ${ref}.`);
      }),
  );

  server.registerTool(
    'delete_realm',
    { title: 'Delete a realm', description: 'Deletes the realm with its users, sessions and settings. Cannot be undone.', inputSchema: { realm, confirm }, annotations: { destructiveHint: true } },
    ({ realm: ref, confirm: confirmed }) =>
      guarded(async () => {
        if (confirmed !== true) return unconfirmed(`deletes realm ${ref} with all its users, for good`);
        await call(admin, 'DELETE', '/admin/v1/realms/{realm}', { path: { realm: ref } });
        return answer(`Deleted realm ${ref}.`);
      }),
  );

  server.registerTool(
    'list_events',
    {
      title: "List a realm's events",
      description: "The realm's event log, newest first, with numeric codes (sign-ins, failures, changes). Filters: type (e.g. user.login.failed), code, user id, since/until (ISO 8601).",
      inputSchema: { realm, type: z.string().max(100).optional(), code: z.number().int().optional(), user: z.string().max(100).optional(), since: z.string().max(40).optional(), until: z.string().max(40).optional(), limit: z.number().int().min(1).max(100).optional(), cursor: z.string().max(512).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ realm: ref, limit, ...filters }) =>
      guarded(async () => {
        const page = (await call(admin, 'GET', '/admin/v1/realms/{realm}/events', { path: { realm: ref }, query: { ...filters, limit: limit ?? 20 } })) as { items: unknown[]; next_cursor: string | null };
        return answer(`${page.items.length} event(s)${page.next_cursor ? '; more with cursor' : ''}.`, page);
      }),
  );

  const templateType = z.string().min(1).max(100).describe('The message type, e.g. password_reset, email_verification, magic_link.');
  server.registerTool('get_template', { title: 'Get a mail template', description: "A realm's template for one message type (subject, HTML, text) and whether it is customised.", inputSchema: { realm, type: templateType }, annotations: { readOnlyHint: true } }, ({ realm: ref, type }) =>
    guarded(async () => answer(`Template ${type} of realm ${ref}:`, await call(admin, 'GET', '/admin/v1/realms/{realm}/templates/{type}', { path: { realm: ref, type } }))),
  );
  const template = { subject: z.string().max(500), html: z.string().max(200_000), text: z.string().max(200_000) };
  server.registerTool('preview_template', { title: 'Preview a mail template', description: 'Renders a template (given, or the realm\'s own) with sample values, without saving.', inputSchema: { realm, type: templateType, ...template }, annotations: { readOnlyHint: true } }, ({ realm: ref, type, ...body }) =>
    guarded(async () => answer(`Preview of ${type}:`, await call(admin, 'POST', '/admin/v1/realms/{realm}/templates/{type}/preview', { path: { realm: ref, type }, body }))),
  );
  server.registerTool('put_template', { title: 'Save a mail template', description: "Replaces the realm's template for a message type (Handlebars; preview it first).", inputSchema: { realm, type: templateType, ...template }, annotations: { idempotentHint: true } }, ({ realm: ref, type, ...body }) =>
    guarded(async () => answer(`Saved template ${type} of realm ${ref}.`, await call(admin, 'PUT', '/admin/v1/realms/{realm}/templates/{type}', { path: { realm: ref, type }, body }))),
  );
}
