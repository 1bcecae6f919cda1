import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from '../auth/fixtures.ts';

/** Creating keys is limited per owner each minute: a user's keys and the service account's apart. */
for (const dialect of dialects) {
  describe(`API key creation limits on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { rateLimits: true, rateLimitApiKeyCreatePerOwner: 2 } });

    before(async () => {
      const realm = await server.services.realms.create({ name: 'Limited', slug: 'limited' }, operator);
      await server.services.users.create(realm, { username: 'maker', password: PASSWORD }, operator);
    });

    it('refuses the third creation in a minute with 429 and Retry-After, and allows it again a minute later', async () => {
      const { access_token } = await server.login('limited', 'maker', PASSWORD);
      const create = () => send(server, 'POST', '/realms/limited/account/api-keys', { name: 'k' }, bearer(access_token));
      assert.equal((await create()).statusCode, 201);
      assert.equal((await create()).statusCode, 201);
      const refused = await create();
      assert.equal(refused.statusCode, 429);
      assert.equal(errorCode(refused), 'request.rate_limited');
      assert.ok(Number(refused.headers['retry-after']) > 0);
      // The service account counts on its own.
      assert.equal((await send(server, 'POST', '/admin/v1/realms/limited/api-keys', { name: 's' }, server.adminHeaders)).statusCode, 201);
      server.clock.advance(60_000);
      const { access_token: fresh } = await server.login('limited', 'maker', PASSWORD);
      assert.equal((await send(server, 'POST', '/realms/limited/account/api-keys', { name: 'k' }, bearer(fresh))).statusCode, 201);
    });
  });
}
