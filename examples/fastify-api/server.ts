import { buildApi } from './api.ts';

const baseUrl = process.env.KEYREALM_URL ?? 'http://localhost:8080';
const realm = process.env.KEYREALM_REALM;
if (!realm) throw new Error('Set KEYREALM_REALM to the realm id (rl_…) whose tokens this API accepts.');
const app = buildApi({ baseUrl, realm });
await app.listen({ port: Number(process.env.PORT ?? 3000) });
console.log(`API on http://localhost:${process.env.PORT ?? 3000} (try GET /me with a bearer token)`);
