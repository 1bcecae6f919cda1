import { KeyrealmError } from './errors.ts';

/**
 * A signed-in user's tokens in memory: the access token handed to every request, renewed with the
 * refresh token shortly before it expires or after a 401 that refuses it — once, however many calls
 * wait for it (one refresh in flight at a time: refresh tokens are single use, and a second use of
 * one ends the session).
 */
export interface Tokens {
  access_token: string;
  refresh_token?: string;
  /** Seconds; null when the token does not expire. */
  expires_in: number | null;
  session_id: string | null;
}

/** Renew this long before expiry (s), so a token never expires on its way. */
const EARLY_SECONDS = 30;

/** Refusals that say "not now" rather than "never": a timeout, a concurrent change, too early, too many. */
const TRANSIENT_REFUSALS = new Set([408, 409, 425, 429]);

/**
 * Whether a failed refresh means the session is over: the realm refused the refresh token (a 4xx
 * such as `auth.invalid_refresh_token` or `auth.tenant_access_ended`). No answer (`sdk.unreachable`),
 * a 5xx or a 429 says nothing about the token, which may still be good (found by review: those
 * signed the user out).
 */
export function endsSession(error: unknown): boolean {
  return error instanceof KeyrealmError && error.status >= 400 && error.status < 500 && !TRANSIENT_REFUSALS.has(error.status);
}

export class TokenSession {
  #tokens: Tokens | undefined;
  #expiresAt: number | null = null;
  /** Bumped by every `set`: a refresh started before it is of tokens no longer held, and its result is ignored. */
  #generation = 0;
  #refreshing: Promise<boolean> | undefined;
  readonly #refresh: (refreshToken: string) => Promise<Tokens>;
  readonly #now: () => number;

  constructor(refresh: (refreshToken: string) => Promise<Tokens>, now: () => number = Date.now) {
    this.#refresh = refresh;
    this.#now = now;
  }

  get tokens(): Tokens | undefined {
    return this.#tokens;
  }

  set(tokens: Tokens | undefined): void {
    this.#generation++;
    this.#refreshing = undefined;
    this.#tokens = tokens;
    this.#expiresAt = tokens?.expires_in == null ? null : this.#now() + tokens.expires_in * 1000;
  }

  /** The access token, renewed first when it is about to expire (and can be). */
  async accessToken(): Promise<string | undefined> {
    const expiring = this.#expiresAt !== null && this.#now() >= this.#expiresAt - EARLY_SECONDS * 1000;
    if (expiring && this.#tokens?.refresh_token) await this.renew();
    return this.#tokens?.access_token;
  }

  /**
   * Renews with the refresh token: true when new tokens came. Concurrent callers share one refresh.
   * False when there is nothing to renew with, when the realm refused (the tokens are dropped: the
   * session is over), or when the refresh failed otherwise (the tokens are kept, to try again).
   */
  renew(): Promise<boolean> {
    const refreshToken = this.#tokens?.refresh_token;
    if (!refreshToken) return Promise.resolve(false);
    if (!this.#refreshing) {
      const refreshing = this.#renewWith(refreshToken);
      this.#refreshing = refreshing;
      // Only this refresh's own slot is freed: a `set` meanwhile may have let a newer one start.
      void refreshing.finally(() => {
        if (this.#refreshing === refreshing) this.#refreshing = undefined;
      });
    }
    return this.#refreshing;
  }

  async #renewWith(refreshToken: string): Promise<boolean> {
    const generation = this.#generation;
    // A sign-out or other tokens set while the refresh ran win over its result (found by review).
    const current = () => generation === this.#generation;
    try {
      const tokens = await this.#refresh(refreshToken);
      if (!current()) return false;
      this.set({ ...tokens, refresh_token: tokens.refresh_token ?? refreshToken });
      return true;
    } catch (error) {
      if (current() && endsSession(error)) this.set(undefined);
      return false;
    }
  }
}
