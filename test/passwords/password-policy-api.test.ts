import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { startRangeServer, unusedRangeUrl, type RangeServer } from './range-server.ts';

const GOOD = 'granite tulip orbit 47';
const BREACHED = 'Tr0ub4dor&3 was a bad idea';

/** The realm's password policy as every way of setting a password meets it. */
for (const dialect of dialects) {
  describe(`password policy API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { allowInsecureUpstreams: true } });
    let range: RangeServer;
    let counter = 0;

    before(async () => {
      range = await startRangeServer([BREACHED]);
      for (const realm of [{ name: 'Rocket Works', slug: 'rockets' }, { name: 'Other Place', slug: 'other-place' }]) {
        assert.equal((await admin('POST', '/admin/v1/realms', realm)).statusCode, 201);
      }
    });
    after(() => range.close());

    const admin = (method: 'POST' | 'PATCH' | 'PUT' | 'GET', url: string, payload?: unknown) => send(server, method, url, payload, server.adminHeaders);
    const createUser = (realm: string, body: Record<string, unknown>) => admin('POST', `/admin/v1/realms/${realm}/users`, body);
    const nextName = () => `pilot-${dialect}-${++counter}`;

    it('refuses a common password at creation with 422 password.common, and creates nothing', async () => {
      const username = nextName();
      for (const password of ['password', 'Qwertyuiop', 'iloveyou2024']) {
        const refused = await createUser('rockets', { username, password });
        assert.equal(refused.statusCode, 422, refused.body);
        assert.deepEqual(refused.json().error, {
          code: 'password.common',
          message: refused.json().error.message,
          details: [{ field: 'password', issue: 'is one of the most common passwords' }],
        });
      }
      const listed = await admin('GET', `/admin/v1/realms/rockets/users?username=${username}`);
      assert.deepEqual(listed.json().items, []);
      assert.equal((await createUser('rockets', { username, password: GOOD })).statusCode, 201);
    });

    it('refuses at creation a password built on the new user’s own username or email, or the realm’s name', async () => {
      const username = nextName();
      const cases = [
        { username, password: `${username}!!` },
        { username, email: 'amelia.earhart@flight.example', password: 'AmeliaEarhart1937' },
        { username, password: 'RocketWorks2024' },
      ];
      for (const body of cases) {
        const refused = await createUser('rockets', body);
        assert.equal(refused.statusCode, 422, JSON.stringify(body));
        assert.equal(errorCode(refused), 'password.contains_identifier');
        assert.equal(refused.json().error.details[0].field, 'password');
      }
      // The same password is fine where it is nobody's name.
      assert.equal((await createUser('other-place', { username: nextName(), password: 'RocketWorks2024' })).statusCode, 201);
    });

    it('refuses a user’s own change to a password built on their username (new_password), and keeps the old one', async () => {
      const username = nextName();
      assert.equal((await createUser('rockets', { username, password: GOOD })).statusCode, 201);
      const session = await server.login('rockets', username, GOOD);
      const change = (payload: unknown) => send(server, 'POST', '/realms/rockets/account/password', payload, bearer(session.access_token));

      const refused = await change({ current_password: GOOD, new_password: `${username.toUpperCase()}-2024` });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(errorCode(refused), 'password.contains_identifier');
      assert.deepEqual(refused.json().error.details, [{ field: 'new_password', issue: 'is built on the realm name, the email address or the username' }]);
      assert.equal(errorCode(await change({ current_password: GOOD, new_password: 'sunshine1' })), 'password.common');
      assert.equal(errorCode(await change({ current_password: GOOD, new_password: 123 })), 'request.validation_failed');
      await server.login('rockets', username, GOOD);

      const done = await change({ current_password: GOOD, new_password: 'violet kettles hum at dawn' });
      assert.equal(done.statusCode, 204, done.body);
      await server.login('rockets', username, 'violet kettles hum at dawn');
    });

    it('checks an operator’s set-password against the stored user; another realm’s user is 404 first', async () => {
      const username = nextName();
      const user = (await createUser('rockets', { username, email: 'hopper@navy.example', password: GOOD })).json();
      const put = (realm: string, password: unknown) => admin('PUT', `/admin/v1/realms/${realm}/users/${user.id}/password`, { password });
      assert.equal(errorCode(await put('rockets', 'hopper@navy.example')), 'password.contains_identifier');
      assert.equal(errorCode(await put('rockets', 'abc123456')), 'password.common');
      assert.equal(errorCode(await put('rockets', 'tiny')), 'password.too_short');
      assert.equal(errorCode(await put('other-place', 'password')), 'user.not_found');
      assert.equal((await put('rockets', 'compilers of cobol')).statusCode, 204);
      await server.login('rockets', username, 'compilers of cobol');
    });

    it('applies preset high: 14 characters refused, 15 accepted, and the public realm info shows the limits', async () => {
      const created = await admin('POST', '/admin/v1/realms', { name: 'Vault', slug: 'vault', preset: 'high' });
      assert.equal(created.statusCode, 201, created.body);
      const short = await createUser('vault', { username: nextName(), password: 'fourteen chars' });
      assert.equal(short.statusCode, 422);
      assert.deepEqual(short.json().error.details, [{ field: 'password', issue: 'must be at least 15 characters' }]);
      assert.equal(errorCode(short), 'password.too_short');
      assert.equal((await createUser('vault', { username: nextName(), password: 'fifteen chars!!' })).statusCode, 201);

      const info = await send(server, 'GET', '/realms/vault');
      assert.equal(info.statusCode, 200);
      assert.deepEqual(info.json().password_policy, { min_length: 15, max_length: 1024 });
      await admin('PATCH', '/admin/v1/realms/vault', { password_policy: { max_length: 64 } });
      assert.deepEqual((await send(server, 'GET', '/realms/vault')).json().password_policy, { min_length: 15, max_length: 64 });
      assert.equal(errorCode(await createUser('vault', { username: nextName(), password: 'y'.repeat(65) })), 'password.too_long');
    });

    it('fails only the import items whose password the policy refuses', async () => {
      const users = [
        { username: nextName(), password: GOOD },
        { username: nextName(), password: 'letmein1' },
        { username: nextName(), password: 'rocket works' },
      ];
      const response = await admin('POST', '/admin/v1/realms/rockets/users/import', { users });
      assert.equal(response.statusCode, 200, response.body);
      const { created, failed } = response.json();
      assert.deepEqual(created.map((c: { index: number }) => c.index), [0]);
      assert.deepEqual(failed.map((f: { index: number; code: string }) => [f.index, f.code]), [[1, 'password.common'], [2, 'password.contains_identifier']]);
    });

    it('asks the realm’s range API when enabled: breached refused, clean accepted, unavailable as the realm decides', async () => {
      const breached = (rangeUrl: string, onUnavailable: 'allow' | 'refuse') => ({ enabled: true, range_url: rangeUrl, on_unavailable: onUnavailable });
      const realm = await admin('POST', '/admin/v1/realms', { name: 'Breach Aware', slug: 'breach-aware', password_policy: { breached: breached(range.rangeUrl, 'allow') } });
      assert.equal(realm.statusCode, 201, realm.body);

      const refused = await createUser('breach-aware', { username: nextName(), password: BREACHED });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.deepEqual(refused.json().error.details, [{ field: 'password', issue: 'has appeared in a data breach' }]);
      assert.equal(errorCode(refused), 'password.breached');
      assert.equal((await createUser('breach-aware', { username: nextName(), password: GOOD })).statusCode, 201);

      const down = await unusedRangeUrl();
      await admin('PATCH', '/admin/v1/realms/breach-aware', { password_policy: { breached: breached(down, 'allow') } });
      assert.equal((await createUser('breach-aware', { username: nextName(), password: GOOD })).statusCode, 201, 'fail-open');
      await admin('PATCH', '/admin/v1/realms/breach-aware', { password_policy: { breached: breached(down, 'refuse') } });
      const closed = await createUser('breach-aware', { username: nextName(), password: GOOD });
      assert.equal(closed.statusCode, 503, closed.body);
      assert.equal(errorCode(closed), 'password.breach_check_unavailable');
      assert.ok(Number(closed.headers['retry-after']) > 0);
    });
  });
}
