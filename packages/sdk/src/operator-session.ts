import type { ClientOptions } from './api.ts';
import { KeyrealmRealm } from './realm-client.ts';
import { endsSession } from './session.ts';

export interface OperatorSignIn extends ClientOptions {
  identifier: string;
  password: string;
  /**
   * When the session can no longer be renewed (its absolute lifetime ended, it was revoked), sign in
   * again with the same password, kept in memory: for a long-running process such as an MCP server.
   */
  signInAgain?: boolean;
}

const SECOND_FACTOR = 'This operator signs in with a second factor: complete the flow with KeyrealmRealm, then pass its accessToken as token.';

/**
 * An operator signed in to the admin realm with a password: the token for KeyrealmAdmin's requests
 * and how to renew it. Signing in again (with `signInAgain`) is done once however many calls wait
 * for it. A refusal then (the password changed, the operator locked, a second factor enrolled) is
 * kept and thrown to every later call without asking the server again: each try would count as a
 * failed sign-in, and a process calling in a loop would lock the operator out for good (found by review).
 */
export async function operatorSession(options: OperatorSignIn): Promise<{ token: () => Promise<string | undefined>; renew: () => Promise<boolean> }> {
  const { identifier, password, signInAgain = false, ...client } = options;
  const operator = new KeyrealmRealm({ ...client, realm: 'admin' });
  let signingIn: Promise<void> | undefined;
  let refused: unknown;
  const signIn = (): Promise<void> => {
    if (refused !== undefined) return Promise.reject(refused);
    return (signingIn ??= operator
      .signIn(identifier, password)
      .then((result) => {
        if (!result.signedIn) throw new Error(SECOND_FACTOR);
      })
      .catch((error: unknown) => {
        if (endsSession(error) || (error instanceof Error && error.message === SECOND_FACTOR)) refused = error;
        throw error;
      })
      .finally(() => {
        signingIn = undefined;
      }));
  };
  await signIn();
  // The session's tokens are dropped only when the realm refused to renew them: that is when to sign in again.
  const ended = () => signInAgain && operator.tokens === undefined;
  return {
    async token() {
      const token = await operator.accessToken();
      if (token !== undefined || !ended()) return token;
      await signIn();
      return operator.accessToken();
    },
    async renew() {
      if (await operator.refresh()) return true;
      if (!ended()) return false;
      await signIn();
      return true;
    },
  };
}
