/**
 * Landing a change of a user at one exact moment of a sign-in: after every proof was checked,
 * just before its session is made. The moment is when the realm's signing key is fetched for the
 * access token, which src/auth/sign-in-tokens.ts does first, outside any transaction.
 */
import type { Realm } from '../../src/realms/realm.ts';
import type { TestServer } from '../support/server.ts';

/** Runs `change` once, at the next sign-in of `realm` about to make its session. Returns the undo, for a `finally`. */
export function beforeNextSession(server: TestServer, realm: Realm, change: () => Promise<unknown>): () => void {
  const keys = server.services.keys;
  const activeKey = keys.activeKey;
  const restore = () => {
    keys.activeKey = activeKey;
  };
  keys.activeKey = async (realmId) => {
    if (realmId === realm.id) {
      restore();
      await change();
    }
    return activeKey.call(keys, realmId);
  };
  return restore;
}
