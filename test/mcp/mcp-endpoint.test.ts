/**
 * `/mcp`: the MCP server over streamable HTTP, with the protocol SDK's own client against a real
 * server on a port (each database in turn). An operator's token is required; the tools act with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

type Result = { content: { text: string }[]; isError?: boolean };

for (const dialect of dialects) {
  describe(`the MCP endpoint on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    const connect = async (token: string) => {
      const client = new Client({ name: 'endpoint-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      return client;
    };
    const login = async (realm: string, identifier: string, password: string) =>
      ((await (await fetch(`${server.baseUrl}/realms/${realm}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, password }) })).json()) as { access_token: string }).access_token;

    it("refuses anyone but an operator, in the API's shape", async () => {
      const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
      const post = (headers: Record<string, string>) => fetch(`${server.baseUrl}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(initialize) });
      const none = await post({});
      assert.equal(none.status, 401);
      assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'auth.unauthenticated');
      const realm = await server.services.realms.create({ name: 'Shoppers', slug: `shoppers-${dialect}` }, operator);
      await server.services.users.create(realm, { username: 'sam', password: 'correct horse battery staple 9' }, operator);
      const user = await post({ authorization: `Bearer ${await login(realm.slug, 'sam', 'correct horse battery staple 9')}` });
      assert.equal(user.status, 401, "a token of another realm than admin's is no operator's");
    });

    it('answers GET and DELETE 405 with Allow: POST: stateless, it has no stream or session of its own (found by review)', async () => {
      for (const method of ['GET', 'DELETE']) {
        const signal = AbortSignal.timeout(5_000);
        const answer = await fetch(`${server.baseUrl}/mcp`, { method, headers: { ...server.adminHeaders, accept: 'text/event-stream' }, signal });
        assert.equal(answer.status, 405, method);
        assert.equal(answer.headers.get('allow'), 'POST', method);
        assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'request.refused', method);
      }
    });

    it("serves the tools to an operator, acting with the operator's permissions", async () => {
      const client = await connect(server.adminHeaders.authorization.slice('Bearer '.length));
      try {
        const { tools } = await client.listTools();
        assert.ok(tools.some((tool) => tool.name === 'update_realm'));
        const created = (await client.callTool({ name: 'create_realm', arguments: { name: 'Via MCP', slug: `via-mcp-${dialect}` } })) as Result;
        assert.match(created.content[0].text, /^Created realm via-mcp-/);
        const stored = await fetch(`${server.baseUrl}/admin/v1/realms/via-mcp-${dialect}`, { headers: server.adminHeaders });
        assert.equal(stored.status, 200, 'the realm exists, made through the admin API');
        // The events of what the tools do name who asked through /mcp, not the process answering itself (found by review).
        assert.equal(((await client.callTool({ name: 'create_user', arguments: { realm: `via-mcp-${dialect}`, email: 'via-mcp@example.com' } })) as Result).isError, undefined);
        const events = (await (await fetch(`${server.baseUrl}/admin/v1/realms/via-mcp-${dialect}/events?type=user.created`, { headers: server.adminHeaders })).json()) as { items: { ip: string; user_agent: string }[] };
        assert.equal(events.items.length, 1, JSON.stringify(events));
        assert.match(events.items[0].user_agent, /^keyrealm-mcp \(/);
        assert.equal(events.items[0].ip, '127.0.0.1');
      } finally {
        await client.close();
      }
      const added = await fetch(`${server.baseUrl}/admin/v1/operators`, { method: 'POST', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ email: `mcp-reader-${dialect}@example.com`, password: 'reader-password-1234', grants: [{ permission: 'read' }] }) });
      assert.equal(added.status, 201, await added.text());
      const reader = await connect(await login('admin', `mcp-reader-${dialect}@example.com`, 'reader-password-1234'));
      try {
        const refused = (await reader.callTool({ name: 'delete_realm', arguments: { realm: `via-mcp-${dialect}`, confirm: true } })) as Result;
        assert.equal(refused.isError, true);
        assert.match(refused.content[0].text, /^Refused \(403 auth\.forbidden\)/);
        const seen = (await reader.callTool({ name: 'get_realm', arguments: { realm: `via-mcp-${dialect}` } })) as Result;
        assert.equal(seen.isError, undefined);
      } finally {
        await reader.close();
      }
    });
  });
}
