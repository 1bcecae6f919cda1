import { createApi, data, type Api, type ClientOptions } from './api.ts';
import { TokenSession, type Tokens } from './session.ts';
import type { SignInAnswer, User } from './types.ts';

/**
 * One realm's public side, as a user's app uses it: sign-in (and the flows a second factor or an
 * enrolment needs, through `api`), sign-up, refresh, sign-out and the account. Tokens are kept in
 * memory and renewed by themselves; `api` carries them.
 */
export interface RealmClientOptions extends ClientOptions {
  /** The realm's id or slug. */
  realm: string;
}

/** What a sign-in answered: signed in (tokens kept), or the next step of its flow. */
export type SignInResult = { signedIn: true; user: User } | { signedIn: false; step: Extract<SignInAnswer, { flow_id: string }> };

export class KeyrealmRealm {
  readonly realm: string;
  readonly api: Api;
  readonly #session: TokenSession;
  /** Without the session's token and renewal: for the refresh itself, whose 401 must not ask for another refresh. */
  readonly #plain: Api;

  constructor(options: RealmClientOptions) {
    const { realm, ...client } = options;
    this.realm = realm;
    this.#plain = createApi(client, {});
    this.#session = new TokenSession((refreshToken) =>
      data(this.#plain.POST('/realms/{realm}/auth/refresh', { params: { path: { realm } }, body: { refresh_token: refreshToken } })),
    );
    this.api = createApi(client, { token: () => this.#session.accessToken(), renew: () => this.#session.renew() });
  }

  get tokens(): Tokens | undefined {
    return this.#session.tokens;
  }

  /** The current access token, renewed when about to expire; undefined when signed out. */
  accessToken(): Promise<string | undefined> {
    return this.#session.accessToken();
  }

  /** Signs in with a password. A second factor (or enrolling one) answers its step: go on with `api` and `completeSignIn`. */
  async signIn(identifier: string, password: string, tenant?: string): Promise<SignInResult> {
    const answer = await data(this.api.POST('/realms/{realm}/auth/login', { params: { path: { realm: this.realm } }, body: { identifier, password, ...(tenant ? { tenant } : {}) } }));
    return this.completeSignIn(answer);
  }

  /** Keeps the tokens of a sign-in answer (the login's or a flow step's), or hands back the step. */
  completeSignIn(answer: SignInAnswer): SignInResult {
    if ('flow_id' in answer && typeof answer.flow_id === 'string') return { signedIn: false, step: answer as Extract<SignInAnswer, { flow_id: string }> };
    const signedIn = answer as Extract<SignInAnswer, { access_token: string }>;
    this.#session.set(signedIn);
    return { signedIn: true, user: signedIn.user as User };
  }

  /** Uses tokens obtained elsewhere (an identity provider's exchange, a stored session). */
  useTokens(tokens: Tokens | undefined): void {
    this.#session.set(tokens);
  }

  /** Renews the tokens now; false when there is nothing to renew with or the realm refused. */
  refresh(): Promise<boolean> {
    return this.#session.renew();
  }

  /** Ends the session at the server, then forgets the tokens. */
  async signOut(): Promise<void> {
    if (!this.#session.tokens) return;
    try {
      await this.api.POST('/realms/{realm}/auth/logout', { params: { path: { realm: this.realm } }, body: {} });
    } finally {
      this.#session.set(undefined);
    }
  }

  /** The signed-in user's own account. */
  account() {
    return data(this.api.GET('/realms/{realm}/account', { params: { path: { realm: this.realm } } }));
  }
}
