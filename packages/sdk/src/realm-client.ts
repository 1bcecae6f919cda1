import { createApi, data, type Api, type ClientOptions } from './api.ts';
import { TokenSession, type Tokens } from './session.ts';
import type { SignInAnswer, User } from './types.ts';
import { createPasskey, getPasskeyAssertion, type CreationOptionsJSON, type RequestOptionsJSON } from './webauthn.ts';

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
export type SignInResult = { signedIn: true; user: User | null } | { signedIn: false; step: Extract<SignInAnswer, { flow_id: string }> };

/** A sign-in's answer: tokens (with the user, where the endpoint gives it), or the next step. */
type Answer = SignInAnswer | (Tokens & { user?: User });

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
  completeSignIn(answer: Answer): SignInResult {
    if ('flow_id' in answer && typeof answer.flow_id === 'string') return { signedIn: false, step: answer as Extract<SignInAnswer, { flow_id: string }> };
    const signedIn = answer as Tokens & { user?: User };
    this.#session.set(signedIn);
    return { signedIn: true, user: signedIn.user ?? null };
  }

  /**
   * Signs in with a passkey, in a browser: a discoverable passkey (no identifier asked), or — given
   * the `step` a password sign-in answered — the passkey as its second factor.
   */
  async signInWithPasskey(options: { step?: { flow_id: string }; tenant?: string; mediation?: 'optional' | 'conditional' | 'required'; signal?: AbortSignal } = {}): Promise<SignInResult> {
    const path = { realm: this.realm };
    const body = { ...(options.step ? { flow_id: options.step.flow_id } : {}), ...(options.tenant ? { tenant: options.tenant } : {}) };
    const started = await data(this.api.POST('/realms/{realm}/auth/passkey/options', { params: { path }, body }));
    const response = await getPasskeyAssertion(started.options as RequestOptionsJSON, options.mediation, options.signal);
    const answer = await data(this.api.POST('/realms/{realm}/auth/flows/{flow}/verify', { params: { path: { ...path, flow: started.flow_id } }, body: { method: 'passkey', response: response as never } }));
    return this.completeSignIn(answer);
  }

  /** Adds a passkey to the signed-in user's account, in a browser (a recent sign-in when they already have one). */
  async registerPasskey(name?: string, signal?: AbortSignal) {
    const path = { realm: this.realm };
    const options = await data(this.api.POST('/realms/{realm}/account/passkeys/registration/options', { params: { path }, body: {} as never }));
    const response = await createPasskey(options as unknown as CreationOptionsJSON, signal);
    return data(this.api.POST('/realms/{realm}/account/passkeys/registration/verify', { params: { path }, body: { response: response as never, ...(name ? { name } : {}) } }));
  }

  /** Starts a sign-in by magic link (the same answer whether the account exists): the flow to wait on. */
  async startMagicLink(identifier: string, tenant?: string): Promise<string> {
    const started = await data(this.api.POST('/realms/{realm}/auth/magic-link', { params: { path: { realm: this.realm } }, body: { identifier, ...(tenant ? { tenant } : {}) } }));
    return started.flow_id;
  }

  /** Waits until the link is approved (asking every `intervalMs`), then signs in — or answers the next step. */
  async waitForMagicLink(flowId: string, options: { intervalMs?: number; signal?: AbortSignal } = {}): Promise<SignInResult> {
    for (;;) {
      options.signal?.throwIfAborted();
      const answer = await data(this.api.POST('/realms/{realm}/auth/magic-link/status', { params: { path: { realm: this.realm } }, body: { flow_id: flowId } }));
      const waiting = 'flow_id' in answer && (answer as { state?: string }).state === 'first_factor';
      if (!waiting) return this.completeSignIn(answer);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 3000));
    }
  }

  /** Uses tokens obtained elsewhere (an identity provider's exchange, a stored session). */
  useTokens(tokens: Tokens | undefined): void {
    this.#session.set(tokens);
  }

  /**
   * Renews the tokens now; false when there is nothing to renew with, when the realm refused (the
   * tokens are dropped: signed out), or when the refresh failed otherwise (no answer, a 5xx: they are kept).
   */
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
