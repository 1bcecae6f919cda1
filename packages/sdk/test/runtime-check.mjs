/**
 * The SDK's build used as an app would use it, in whichever runtime runs this file (Deno, Bun, the
 * oldest Node supported): runtimes.test.ts starts it against a live server and reads the one JSON
 * line it prints. Plain JavaScript, so every runtime runs it as it is.
 */
import { KeyrealmAdmin, KeyrealmError, KeyrealmRealm, verifyAccessToken } from '../dist/index.js';

const env = (name) => globalThis.Deno?.env.get(name) ?? globalThis.process.env[name];
const baseUrl = env('KEYREALM_URL');
const slug = env('KEYREALM_REALM');
const username = env('KEYREALM_USERNAME');
const password = env('KEYREALM_PASSWORD');
const codeOf = (error) => (error instanceof KeyrealmError ? error.code : `not a KeyrealmError: ${String(error)}`);

// An operator finds the realm through the paginated list and adds the user.
const admin = await KeyrealmAdmin.signIn({ baseUrl, identifier: env('KEYREALM_ADMIN_EMAIL'), password: env('KEYREALM_ADMIN_PASSWORD') });
let realmId;
for await (const realm of admin.realms({ limit: 1 })) if (realm.slug === slug) realmId = realm.id;
await admin.request('POST', '/admin/v1/realms/{realm}/users', { path: { realm: realmId }, body: { username, password } });

// The user signs in; a resource server verifies the token against the realm's keys, and online.
const app = new KeyrealmRealm({ baseUrl, realm: slug });
const wrongPassword = await app.signIn(username, `${password}x`).then(() => 'signed in', codeOf);
await app.signIn(username, password);
const token = await app.accessToken();
const principal = await verifyAccessToken(token, { baseUrl, realm: realmId, online: true });
const account = await app.account();
await app.signOut();
const afterSignOut = await verifyAccessToken(token, { baseUrl, realm: realmId, online: true }).then(() => 'still valid', codeOf);
const forged = await verifyAccessToken(`${token.slice(0, -4)}AAAA`, { baseUrl, realm: realmId }).then(() => 'accepted', codeOf);

console.log(JSON.stringify({ wrongPassword, subjectIsUser: principal.subject === account.id, username: account.username, afterSignOut, forged }));
