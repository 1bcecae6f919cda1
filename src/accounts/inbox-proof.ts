import type { RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { sameAddress } from '../users/identifiers.ts';
import type { UserService } from '../users/user-service.ts';
import type { User } from '../users/user.ts';
import type { createForgetAccessBeforeProof } from './access-before-proof.ts';

/**
 * The sign-in methods that prove the account's email inbox to whoever gets the session: a code
 * sent there and typed on the signing-in device. Not a sign-in link: it is approved on whichever
 * device opens the mail while the one that started polls for the tokens, so whoever started it
 * need not read that inbox (found by review: an approved link wiped the owner's second factor for
 * a stranger who had started the sign-in).
 */
export const INBOX_METHODS: ReadonlySet<string> = new Set(['email_otp']);

/**
 * A sign-in by a code emailed to an address never proven is the first proof that its owner holds
 * it, as a password reset of such an account is (src/accounts/access-before-proof.ts): the address
 * becomes verified, and every way in set up before it goes — linked identities, passkeys,
 * API keys, second factors, recovery codes, consents, and the password — with every other session.
 * Found by review: someone signing in through an identity provider that does not vouch for
 * addresses made an account with another person's address, the owner then signed in to it by
 * email code (a passwordless realm offers no reset), and both went on using it.
 */
export function createInboxProof(deps: { users: Pick<UserService, 'applyChange'>; forgetAccessBeforeProof: ReturnType<typeof createForgetAccessBeforeProof> }) {
  /** `sentTo`: the address the code went to; only while the account still holds it is it proven. */
  return async (realm: Realm, user: User, sentTo: string, origin: RequestOrigin): Promise<User> => {
    if (user.email_verified) return user;
    return deps.users.applyChange(realm, user.id, { type: 'user', id: user.id }, origin, async (current, trx) => {
      if (current.email_verified || !sameAddress(current.email, sentTo)) return undefined;
      const removed = await deps.forgetAccessBeforeProof(trx, realm.id, user.id, origin);
      return {
        fields: { email_verified: true, password_hash: null },
        event: 'user.email_verified',
        details: { method: 'sign_in', access_removed: { ...removed, password: current.password_hash !== null } },
        endSessions: { reason: 'address_proven' },
      };
    });
  };
}

export type InboxProof = ReturnType<typeof createInboxProof>;
