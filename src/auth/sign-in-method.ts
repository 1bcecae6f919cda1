/**
 * The seam every sign-in method plugs into. A method checks what the user presented and returns an
 * outcome as a value: it never throws for an expected failure and knows nothing of HTTP, sessions or
 * tokens, so a later flow engine can chain methods (password, then a second factor) and decide what
 * an outcome leads to.
 */
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { User } from '../users/user.ts';

export interface SignInContext {
  clock: Clock;
}

/** Why a sign-in was refused. Recorded in the event log; never shown to the client. */
export type DenialReason = 'unknown_user' | 'wrong_password' | 'locked' | 'inactive' | 'no_password';

/** Authentication method references (RFC 8176), e.g. `pwd`. */
export type AuthenticationMethod = 'pwd';

export type SignInOutcome =
  | {
      kind: 'authenticated';
      user: User;
      amr: AuthenticationMethod[];
      /**
       * Upkeep the method wants done once the sign-in is allowed (after the brute-force guard and
       * every other check), such as upgrading a stored hash. Never throws; the caller awaits it.
       */
      afterAllowed?: () => Promise<void>;
    }
  | { kind: 'denied'; reason: DenialReason; userId: string | null };

export interface SignInMethod<Input> {
  readonly id: string;
  authenticate(realm: Realm, input: Input, context: SignInContext): Promise<SignInOutcome>;
}
