/**
 * Every role of the realm in one answer, for pickers (a composite's includes, a member's roles):
 * a realm holds at most 1,000 roles, the API's largest page.
 */
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { useApp } from '../../ui/app-context.tsx';
import { useAsync } from '../../ui/use-async.ts';

export type Role = ItemOf<'/admin/v1/realms/{realm}/roles'>;

/** `enabled` false loads nothing (a picker not open yet); each opening loads the roles afresh. */
export function useAllRoles(realm: string, enabled = true) {
  const { api } = useApp();
  return useAsync<Role[] | undefined>(
    async (signal) => (enabled ? (await unwrap(api.GET('/admin/v1/realms/{realm}/roles', { params: { path: { realm }, query: { limit: 1000 } }, signal }))).items : undefined),
    [realm, enabled],
  );
}
