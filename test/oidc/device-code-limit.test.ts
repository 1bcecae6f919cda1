import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { BrowserAgent } from './browser-agent.ts';
import { oidcServerPerSuite } from './oidc-fixtures.ts';

/**
 * Found by review: the device flow's verification page took user codes without limit (RFC 8628
 * §5.1 asks for one). A code typed there counts against the per-IP sign-in limit, per realm.
 */
for (const dialect of dialects) {
  describe(`device-flow user codes are limited per address, on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect, () => ({ rateLimits: true, rateLimitLoginPerIp: 5 }));
    let realm: Realm;
    let other: Realm;
    before(async () => {
      realm = await server.services.realms.create({ name: 'Devices', slug: 'devices' }, operator);
      other = await server.services.realms.create({ name: 'Other devices', slug: 'other-devices' }, operator);
    });

    const xsrfOf = (html: string) => /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    /** Types `code` at the realm's device page: the answer's status. */
    async function typeCode(agent: BrowserAgent, target: Realm, code: string, path = 'device'): Promise<number> {
      const page = await agent.get(`/realms/${target.id}/oidc/device`);
      const body = new URLSearchParams({ xsrf: xsrfOf(await page.text()), user_code: code }).toString();
      const answer = await agent.get(`/realms/${target.id}/oidc/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      await answer.arrayBuffer();
      return answer.status;
    }

    /**
     * Types `code` at the device page through a request target given byte for byte: fetch drops a
     * `#…` before sending, but a client need not, and Node and oidc-provider both take one.
     */
    async function typeCodeRaw(agent: BrowserAgent, target: string, code: string): Promise<number> {
      const page = await agent.get(`/realms/${realm.id}/oidc/device`);
      const body = new URLSearchParams({ xsrf: xsrfOf(await page.text()), user_code: code }).toString();
      const { hostname, port } = new URL(server.baseUrl);
      const head = `POST ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${agent.cookieHeader(`/realms/${realm.id}/oidc/device`)}\r\n`;
      const request = `${head}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
      const answer = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(Number(port), hostname, () => socket.write(request));
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      return Number(answer.split(' ')[1]);
    }

    it('answers 429 once an address typed its share of codes this minute; another realm counts apart', async () => {
      const agent = new BrowserAgent(server.baseUrl);
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push(await typeCode(agent, realm, 'BCDF-GHJK'));
      assert.deepEqual(statuses.slice(0, 5).map((status) => status < 429), [true, true, true, true, true], String(statuses));
      assert.equal(statuses[5], 429);
      // The provider's router takes any case and a trailing slash: so does the count.
      for (const path of ['device/', 'Device', 'DEVICE', 'device?x=1']) assert.equal(await typeCode(agent, realm, 'BCDF-GHJK', path), 429, path);
      // Found by review: a fragment in the request target went uncounted while the provider still took the code.
      for (const path of ['device#x', 'Device/#x', 'device#?', 'device\\#', 'device\\?x#y']) assert.equal(await typeCodeRaw(agent, `/realms/${realm.id}/oidc/${path}`, 'BCDF-GHJK'), 429, path);
      assert.notEqual(await typeCode(agent, other, 'BCDF-GHJK'), 429, 'the limit is per realm');
      server.clock.advance(61_000);
      assert.notEqual(await typeCode(agent, realm, 'BCDF-GHJK'), 429, 'a minute later the address may type again');
    });
  });
}
