import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../support/server.ts';

const USER_PASSWORD = 'a long enough password 1';

/**
 * What the fuzzer's path parameters and tokens point at: a realm open to sign-up, a user signed in
 * to it, a second operator (never the superadmin, whose token the fuzzer needs), and the
 * superadmin's token. Fuzzed requests may delete, lock or sign these out; `ensure()` puts back
 * whatever went missing, so later requests still reach the code behind the 401s and 404s.
 */
export class FuzzFixtures {
  private realmId = '';
  private userId = '';
  private sessionId = '';
  private userToken = '';
  private operatorId = '';
  private operatorToken = '';
  /** Set when a token was refused: the next request first re-checks the fixtures. */
  stale = true;

  private readonly server: TestServer;

  constructor(server: TestServer) {
    this.server = server;
  }

  segment(name: string): string {
    switch (name) {
      case 'realm':
        return this.realmId;
      case 'user':
        return this.userId;
      case 'session':
        return this.sessionId;
      case 'operator':
        return this.operatorId;
      case 'type':
        return 'password_reset';
      case 'method':
        return 'totp';
      default:
        return `${name}_0000000000000000000000`;
    }
  }

  authorization(auth: 'none' | 'garbage' | 'user' | 'operator'): Record<string, string> {
    if (auth === 'none') return {};
    if (auth === 'garbage') return { authorization: 'Bearer a.b.c' };
    return { authorization: `Bearer ${auth === 'user' ? this.userToken : this.operatorToken}` };
  }

  /** Marks the fixtures for a re-check when a request with one of their tokens was refused. */
  noticed(auth: string, response: { statusCode: number }): void {
    if ((auth === 'user' || auth === 'operator') && response.statusCode === 401) this.stale = true;
  }

  async ensure(): Promise<void> {
    if (!(await this.ok('GET', '/realms/admin/auth/validate', this.operatorToken))) {
      this.operatorToken = (await this.server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
    }
    if (!(await this.ok('GET', `/realms/${this.realmId}/auth/validate`, this.userToken))) {
      // A fuzzed request may have deleted, locked or signed out the user, or changed the realm so no
      // one signs in (inactive, deleted, MFA required): a new user, else a new realm and user.
      try {
        await this.newUser();
      } catch {
        await this.newRealm();
        await this.newUser();
      }
    }
    if (!this.operatorId || !(await this.ok('GET', `/admin/v1/operators/${this.operatorId}`, this.operatorToken))) {
      const email = `operator-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
      this.operatorId = (await this.admin('POST', '/admin/v1/operators', { email, password: 'operator password 2', grants: [] })).id as string;
    }
    this.stale = false;
  }

  private async newRealm(): Promise<void> {
    const realm = await this.admin('POST', '/admin/v1/realms', { name: 'Fuzz', users: { registration: { enabled: true, require_email_verification: false } } });
    this.realmId = realm.id as string;
  }

  private async newUser(): Promise<void> {
    if (!this.realmId) throw new Error('no realm yet');
    const email = `fuzz-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    this.userId = (await this.admin('POST', `/admin/v1/realms/${this.realmId}/users`, { email, password: USER_PASSWORD })).id as string;
    const signedIn = await this.server.login(this.realmId, email, USER_PASSWORD);
    this.userToken = signedIn.access_token;
    this.sessionId = signedIn.session_id ?? '';
  }

  private async ok(method: 'GET', url: string, token: string): Promise<boolean> {
    if (!token) return false;
    const response = await this.server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    return response.statusCode === 200;
  }

  private async admin(method: 'POST', url: string, payload: object): Promise<Record<string, unknown>> {
    const response = await this.server.app.inject({ method, url, payload, headers: { authorization: `Bearer ${this.operatorToken}` } });
    if (response.statusCode !== 201) throw new Error(`fuzz fixture ${method} ${url} gave ${response.statusCode}: ${response.body}`);
    return response.json();
  }
}
