import type { UserDirectory } from '../../contracts.ts';
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
export function createPasswordMethod(deps: { users: Pick<UserDirectory, 'findForSignIn'>; hasher: PasswordHasher }): PasswordMethod {
  return {
    id: 'password',
    async authenticate(realm: Realm, input: PasswordInput): Promise<SignInOutcome> {
      const found = await deps.users.findForSignIn(realm.id, input.identifier);
      if (!found || found.password_hash === null) {
        await deps.hasher.verifyDummy(input.password);
        return { kind: 'denied', reason: found ? 'no_password' : 'unknown_user', userId: found?.id ?? null };
      }
      const matches = await deps.hasher.verify(input.password, found.password_hash);
      // A locked or inactive account is reported as such whatever the password, so the log shows
      // attempts against it; the client gets the same answer in every case.
      if (found.locked) return { kind: 'denied', reason: 'locked', userId: found.id };
      if (found.state !== 'active') return { kind: 'denied', reason: 'inactive', userId: found.id };
      if (!matches) return { kind: 'denied', reason: 'wrong_password', userId: found.id };
      return { kind: 'authenticated', user: withoutSecret(found), amr: ['pwd'] };
    },
  };
}
