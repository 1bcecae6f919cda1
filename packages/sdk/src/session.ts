/**
 * A signed-in user's tokens in memory: the access token handed to every request, renewed with the
 * refresh token shortly before it expires or after a 401 — once, however many calls wait for it
 * (one refresh in flight at a time: refresh tokens are single use, and a second use of one ends the
 * session).
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

export class TokenSession {
  #tokens: Tokens | undefined;
  #expiresAt: number | null = null;
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
    this.#tokens = tokens;
    this.#expiresAt = tokens?.expires_in == null ? null : this.#now() + tokens.expires_in * 1000;
  }

  /** The access token, renewed first when it is about to expire (and can be). */
  async accessToken(): Promise<string | undefined> {
    const expiring = this.#expiresAt !== null && this.#now() >= this.#expiresAt - EARLY_SECONDS * 1000;
    if (expiring && this.#tokens?.refresh_token) await this.renew();
    return this.#tokens?.access_token;
  }

  /** Renews with the refresh token: true when new tokens came. Concurrent callers share one refresh. */
  renew(): Promise<boolean> {
    const refreshToken = this.#tokens?.refresh_token;
    if (!refreshToken) return Promise.resolve(false);
    this.#refreshing ??= this.#refresh(refreshToken)
      .then((tokens) => {
        this.set({ ...tokens, refresh_token: tokens.refresh_token ?? refreshToken });
        return true;
      })
      .catch(() => {
        // A refused refresh (revoked, reused, expired) ends the session here too.
        this.set(undefined);
        return false;
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }
}
