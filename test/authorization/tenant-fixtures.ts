import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { send } from '../support/http.ts';

/** Helpers over the admin API for the tenant tests: realms, users, tenants and memberships. */
export const PASSWORD = 'tenant-test-password-9';

export function tenantAdmin(server: TestServer) {
  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) => send(server, method, path, payload, server.adminHeaders);
  const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload: unknown, status: number) => {
    const response = await admin(method, path, payload);
    assert.equal(response.statusCode, status, `${method} ${path} ${JSON.stringify(payload)} → ${response.body}`);
    return response.statusCode === 204 ? undefined : response.json();
  };
  return {
    admin,
    async realm(name: string, settings: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
      const created = await ok('POST', '/admin/v1/realms', { name }, 201);
      if (Object.keys(settings).length > 0) await ok('PATCH', `/admin/v1/realms/${created.id}`, settings, 200);
      return created;
    },
    user: (realm: string, email: string): Promise<{ id: string }> => ok('POST', `/admin/v1/realms/${realm}/users`, { email, password: PASSWORD }, 201),
    tenant: (realm: string, slug: string, extra: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> =>
      ok('POST', `/admin/v1/realms/${realm}/tenants`, { slug, name: `Tenant ${slug}`, ...extra }, 201),
    join: (realm: string, tenant: string, userId: string, roles: string[] = []) => ok('POST', `/admin/v1/realms/${realm}/tenants/${tenant}/members`, { user_id: userId, roles }, 200),
    /** Roles of the realm, by slug, for memberships to name. */
    roles: async (realm: string, slugs: string[]) => {
      for (const slug of slugs) await ok('POST', `/admin/v1/realms/${realm}/roles`, { slug }, 201);
    },
    leave: (realm: string, tenant: string, userId: string) => ok('DELETE', `/admin/v1/realms/${realm}/tenants/${tenant}/members/${userId}`, undefined, 204),
    tenantsOf: async (realm: string, userId: string): Promise<{ id: string; slug: string; roles: string[] }[]> => (await ok('GET', `/admin/v1/realms/${realm}/users/${userId}/tenants`, undefined, 200)).items,
  };
}
