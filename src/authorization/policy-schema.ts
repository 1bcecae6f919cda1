import type { SchemaJson, TypeOfAttribute } from '@cedar-policy/cedar-wasm/nodejs';

/**
 * The Cedar schema a realm's policies are validated against, generated from the realm's model:
 *
 * - `User` (an access token's user) and `ApiKey` (a user's key or a service account's) are the
 *   principals; both are members of their `Role`s and of their `Tenant`, so `principal in
 *   Role::"admin"` and `principal in Tenant::"acme"` work. Their attributes are the default
 *   engine's facts: `id`, `roles`, `permissions`, `tenant` (absent when none), `access`
 *   (standard / master / acl) and `tags`. A user's custom fields are its Cedar tags
 *   (`principal.getTag("plan")`); an API key's tags are its capabilities (`"allow"` / `"deny"`),
 *   `owner` is its user when it has one, and `service` the service it is bound to, if any.
 * - `Resource` is generic: `type`, `id`, `tenant` (absent when none); the caller's `attributes` are
 *   its tags. It is a member of its tenant (`resource in Tenant::"acme"`).
 * - The request's `context` is a `Request` entity's tags: `context.request.getTag("ip")`.
 *
 * Tags are strings: other JSON values are passed as their JSON text.
 *
 * Actions are permissive: the realm's permission strings, and every action a policy's scope names
 * (`action == Action::"invoices:approve"`), are declared. An action compared only inside a
 * condition must be one of those, or validation refuses it as unrecognised. One action, `any`, is
 * always declared: without it a realm with no permissions yet would declare none, and Cedar checks
 * a policy only against the actions it may apply to, so nothing would be type-checked.
 */
export function realmSchema(actions: Iterable<string>): SchemaJson<string> {
  const strings: TypeOfAttribute<string> = { type: 'Set', element: { type: 'String' } };
  const optional = (type: TypeOfAttribute<string>): TypeOfAttribute<string> => ({ ...type, required: false });
  const facts: Record<string, TypeOfAttribute<string>> = {
    id: { type: 'String' },
    roles: strings,
    permissions: strings,
    tenant: optional({ type: 'String' }),
    access: { type: 'String' },
    tags: strings,
  };
  const principalTypes = ['User', 'ApiKey'];
  const appliesTo = {
    principalTypes,
    resourceTypes: ['Resource'],
    context: { type: 'Record' as const, attributes: { request: { type: 'Entity' as const, name: 'Request' } } },
  };
  return {
    '': {
      entityTypes: {
        Role: {},
        Tenant: {},
        Request: { tags: { type: 'String' } },
        User: { memberOfTypes: ['Role', 'Tenant'], shape: { type: 'Record', attributes: facts }, tags: { type: 'String' } },
        ApiKey: {
          memberOfTypes: ['Role', 'Tenant'],
          shape: { type: 'Record', attributes: { ...facts, kind: { type: 'String' }, owner: optional({ type: 'Entity', name: 'User' }), service: optional({ type: 'String' }) } },
          tags: { type: 'String' },
        },
        Resource: {
          memberOfTypes: ['Tenant'],
          shape: { type: 'Record', attributes: { type: { type: 'String' }, id: { type: 'String' }, tenant: optional({ type: 'String' }) } },
          tags: { type: 'String' },
        },
      },
      actions: Object.fromEntries([...new Set(['any', ...actions])].map((action) => [action, { appliesTo }])),
    },
  };
}
