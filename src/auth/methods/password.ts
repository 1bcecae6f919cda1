import type { UserDirectory } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import type { PasswordHasher } from '../../platform/passwords.ts';
import type { Realm } from '../../realms/realm.ts';
import { withoutSecret } from '../../users/user.ts';
import type { SignInMethod, SignInOutcome } from '../sign-in-method.ts';

export interface PasswordInput {
  identifier: string;
  password: string;
}

export type PasswordMethod = SignInMethod<PasswordInput>;

/**
 * Password sign-in. Every path runs exactly one argon2 verification, against the user's hash or a
 * dummy one, so the time taken does not tell an unknown user from a wrong password, nor a locked or
 * inactive user from an active one.
 */
export function createPasswordMethod(deps: {
  users: Pick<UserDirectory, 'findForSignIn' | 'upgradePasswordHash'>;
  hasher: PasswordHasher;
  /** Where a failed hash upgrade is reported (no secrets are passed). */
  warn: (details: object, message: string) => void;
}): PasswordMethod {
  /**
   * Once the sign-in is allowed, a hash imported from another system or made with weaker parameters
   * is replaced by an argon2id hash with the current ones. Housekeeping: no version, no event; if
   * the stored hash changed meanwhile the conditional update does nothing. It is best-effort: a
   * failure (a full hashing queue, a database error) is logged and never changes the answer, and
   * it never runs for an attempt the guard refuses, so a right guess on a locked account costs no
   * extra hash and cannot answer differently from a wrong one.
   */
  async function upgradeHash(realm: Realm, userId: string, storedHash: string, password: string): Promise<void> {
    try {
      await deps.users.upgradePasswordHash(realm.id, userId, storedHash, await deps.hasher.hash(realm.id, password));
    } catch (error) {
      const code = error instanceof AppError ? error.code : error instanceof Error ? error.name : 'unknown';
      deps.warn({ realm_id: realm.id, user_id: userId, error: code }, 'a password hash could not be upgraded; it stays as it was');
    }
  }

  return {
    id: 'password',
    async authenticate(realm: Realm, input: PasswordInput): Promise<SignInOutcome> {
      const found = await deps.users.findForSignIn(realm.id, input.identifier);
      if (!found || found.password_hash === null) {
        await deps.hasher.verifyDummy(realm.id, input.password);
        return { kind: 'denied', reason: found ? 'no_password' : 'unknown_user', userId: found?.id ?? null };
      }
      const matches = await deps.hasher.verify(realm.id, input.password, found.password_hash);
      // A locked or inactive account is reported as such whatever the password, so the log shows
      // attempts against it; the client gets the same answer in every case.
      if (found.locked) return { kind: 'denied', reason: 'locked', userId: found.id };
      if (found.state !== 'active') return { kind: 'denied', reason: 'inactive', userId: found.id };
      if (!matches) return { kind: 'denied', reason: 'wrong_password', userId: found.id };
      const storedHash = found.password_hash;
      const upgrade = deps.hasher.needsRehash(storedHash) ? () => upgradeHash(realm, found.id, storedHash, input.password) : undefined;
      return { kind: 'authenticated', user: withoutSecret(found), amr: ['pwd'], ...(upgrade ? { afterAllowed: upgrade } : {}) };
    },
  };
}
