import type { FastifyInstance } from 'fastify';
import { createMcpEndpoint } from '../../mcp/mcp-endpoint.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken, type OperatorAuthenticator } from '../operator-guard.ts';

/**
 * `/mcp`: the MCP server over streamable HTTP (src/mcp/mcp-endpoint.ts) for an operator's access
 * token. The token is checked here first (401/403 in the API's shape); the tools then call the
 * admin API with it, answered in-process by this app's `inject`. Not in the OpenAPI document: it
 * speaks JSON-RPC, described by the protocol itself.
 */
export function mcpRoutes(deps: { authenticate: OperatorAuthenticator }): RouteTree {
  return async (app: FastifyInstance) => {
    const inProcessFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const answered = await app.inject({ method: request.method as 'GET', url: `${url.pathname}${url.search}`, headers: Object.fromEntries(request.headers), ...(payload ? { payload } : {}) });
      const headers = new Headers();
      for (const [name, value] of Object.entries(answered.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      const empty = answered.statusCode === 204 || answered.statusCode === 304 || answered.rawPayload.length === 0;
      return new Response(empty ? null : answered.rawPayload, { status: answered.statusCode, headers });
    };
    const endpoint = createMcpEndpoint({ inProcessFetch });

    app.route({
      method: ['POST', 'GET', 'DELETE'],
      url: '/mcp',
      schema: { hide: true },
      handler: async (request, reply) => {
        const token = bearerToken(request);
        await deps.authenticate(token);
        reply.hijack();
        await endpoint(request.raw, reply.raw, request.body, token);
      },
    });
  };
}
