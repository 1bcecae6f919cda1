/**
 * A user named by who they are rather than their id, in lists that answer only `user_id` (a role's
 * holders, a tenant's members). Each user is asked for once per realm and remembered for the page's
 * life, so scrolling a virtualised list back and forth does not ask again.
 */
import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { AdminClient } from '../../api/client.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Link } from '../../ui/link.tsx';
import { userLabel } from './user-picker.tsx';

const known = new Map<string, Promise<string | null>>();

function nameOf(api: AdminClient, realm: string, user: string): Promise<string | null> {
  const key = `${realm}/${user}`;
  let found = known.get(key);
  if (!found) {
    // A user we cannot read (deleted since) keeps showing their id.
    found = unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}', { params: { path: { realm, user } } })).then(userLabel, () => null);
    known.set(key, found);
  }
  return found;
}

/** The user's name once known (null until then, or when they cannot be read). */
export function useUserLabel(realm: string, user: string): string | null {
  const { api } = useApp();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setName(null);
    if (user) nameOf(api, realm, user).then((value) => live && setName(value));
    return () => {
      live = false;
    };
  }, [realm, user]);
  return name;
}

export function UserName({ realm, user }: { realm: string; user: string }) {
  const name = useUserLabel(realm, user);
  return (
    <Link to={`/realms/${encodeURIComponent(realm)}/users/${encodeURIComponent(user)}`} class="row-link" title={user}>
      {name && name !== user ? (
        <>
          {name} <span class="mono small muted access-user-id">{user}</span>
        </>
      ) : (
        <span class="mono">{user}</span>
      )}
    </Link>
  );
}
