import { Type } from '@sinclair/typebox';
import type { ApiKey } from '../../api-keys/api-key.ts';
import { Nullable, OneLine, Timestamp } from '../schemas.ts';
import { AccessSchema } from './user-schema.ts';

/** One schema for the account and admin API-key routes, and the validate answer for a key. */
const Name = OneLine({ minLength: 1, maxLength: 100 }, { notBlank: true });
const Capabilities = Type.Record(Type.String(), Type.Union([Type.Literal('allow'), Type.Literal('deny')]), {
  // An action (`invoices:read`), a verb (`read`), a namespace's every action (`invoices:*`) or `*`.
  propertyNames: { pattern: '^(?:[A-Za-z0-9_.:-]{1,64}|[A-Za-z0-9_.:-]{1,62}:\\*|\\*)$' },
  maxProperties: 50,
  description: 'What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate.',
});

export const NewApiKeyBody = Type.Object(
  {
    name: Name,
    service: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'The service the key is bound to.' }))),
    capabilities: Type.Optional(Capabilities),
    expires_in_days: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650, description: 'Whole days until the key stops working; absent or null: never.' }))),
  },
  { additionalProperties: false },
);

export const ApiKeyResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  owner: Type.Union([Type.Literal('user'), Type.Literal('service')], { description: '`service`: a key of the realm itself (service account), not of a user.' }),
  user_id: Nullable(Type.String()),
  service: Nullable(Type.String()),
  capabilities: Capabilities,
  policy: Type.Union([Type.Literal('hash'), Type.Literal('encrypt')], { description: 'How the key is kept: `encrypt` keys can be read back by operators.' }),
  expires_at: Nullable(Timestamp),
  created_at: Timestamp,
  last_used_at: Nullable(Timestamp),
  last_used_ip: Nullable(Type.String()),
});

export const CreatedApiKey = Type.Composite([ApiKeyResponse, Type.Object({ api_key: Type.String({ description: 'The key. Shown only now.' }) })]);
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKeyResponse) });
export const KeyIdParam = Type.String({ minLength: 1, maxLength: 64, description: 'The key id (the part after the prefix).' });
export const ApiKeyText = Type.Object({ api_key: Type.String({ description: 'The key, read back (event api_key.retrieved).' }) });

/** The validate answer for `Authorization: Bearer <API key>`. */
export const ApiKeyValidateResponse = Type.Object({
  api_key: Type.Object({
    id: Type.String(),
    name: Type.String(),
    owner: Type.Union([Type.Literal('user'), Type.Literal('service')]),
    service: Nullable(Type.String()),
    capabilities: Capabilities,
    expires_at: Nullable(Timestamp),
  }),
  user_id: Nullable(Type.String({ description: 'The owning user; null for a service key.' })),
  access: AccessSchema,
});


const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function toApiKeyResponse(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    owner: key.userId === null ? ('service' as const) : ('user' as const),
    user_id: key.userId,
    service: key.service,
    capabilities: key.capabilities,
    policy: key.storage,
    expires_at: iso(key.expiresAt),
    created_at: new Date(key.createdAt).toISOString(),
    last_used_at: iso(key.lastUsedAt),
    last_used_ip: key.lastUsedIp,
  };
}
