import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import { sendAppError } from '../error-handler.ts';
import { createMcpEndpoint, type McpCaller } from '../../mcp/mcp-endpoint.ts';
import { MCP_PATH, mcpResourceMetadataUrlOf } from '../../mcp/mcp-resource.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken, type OperatorAuthenticator } from '../operator-guard.ts';

/**
 * `/mcp`: the MCP server over streamable HTTP (src/mcp/mcp-endpoint.ts) for an operator's access
 * token. The token is checked here first (401/403 in the API's shape); the tools then call the
 * admin API with it, answered in-process by this app's `inject`. Not in the OpenAPI document: it
 * speaks JSON-RPC, described by the protocol itself.
 *
 * Per the MCP authorization spec it is an OAuth protected resource: a 401 names its metadata
 * (RFC 9728) in `WWW-Authenticate`, and the metadata names the admin realm's provider as its
 * authorization server, so an MCP client signs the operator in there (code + PKCE, `resource`
 * this endpoint) with an application of the admin realm registered for it. The metadata itself is
 * served by src/http/routes/protected-resources.ts.
 *
 * Stateless, it has no stream of its own to open (GET) and no session to end (DELETE): those are
 * answered 405 with `Allow: POST`, as the protocol has a server without them answer. A GET had
 * opened an event stream that never carried anything and never closed (found by review).
 */
export function mcpRoutes(deps: { authenticate: OperatorAuthenticator; publicUrl: string }): RouteTree {
  const metadataUrl = mcpResourceMetadataUrlOf(deps.publicUrl);

  /** RFC 6750 §3: where to get a token, and (when one was sent) that it did not do. */
  function challenge(reply: FastifyReply, error: unknown): void {
    if (!(error instanceof AppError)) return;
    if (error.code === 'auth.unauthenticated') reply.header('www-authenticate', `Bearer resource_metadata="${metadataUrl}"`);
    if (error.code === 'auth.invalid_token') reply.header('www-authenticate', `Bearer error="invalid_token", resource_metadata="${metadataUrl}"`);
  }

  return async (app: FastifyInstance) => {
    const inProcessFetch = (caller: McpCaller): typeof fetch => async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      // The events of what the tools do name who asked, as a direct call to the admin API would.
      const sent = { ...Object.fromEntries(request.headers), 'user-agent': `keyrealm-mcp (${caller.userAgent ?? 'no user agent'})` };
      const answered = await app.inject({ method: request.method as 'GET', url: `${url.pathname}${url.search}`, headers: sent, remoteAddress: caller.ip, ...(payload ? { payload } : {}) });
      const headers = new Headers();
      for (const [name, value] of Object.entries(answered.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      const empty = answered.statusCode === 204 || answered.statusCode === 304 || answered.rawPayload.length === 0;
      return new Response(empty ? null : new Uint8Array(answered.rawPayload), { status: answered.statusCode, headers });
    };
    const endpoint = createMcpEndpoint({ inProcessFetch });

    app.route({
      method: ['GET', 'DELETE'],
      url: MCP_PATH,
      schema: { hide: true },
      handler: async (request, reply) => {
        // request.refused keeps its status (docs/errors.md): the catalogue has no kind for 405.
        return sendAppError(reply.header('allow', 'POST'), new AppError('request.refused', `${request.method} is not served here: send MCP messages with POST.`), 405);
      },
    });

    app.route({
      method: 'POST',
      url: MCP_PATH,
      schema: { hide: true },
      handler: async (request, reply) => {
        let token: string;
        try {
          token = bearerToken(request);
          await deps.authenticate(token);
        } catch (error) {
          challenge(reply, error);
          throw error;
        }
        reply.hijack();
        await endpoint(request.raw, reply.raw, request.body, token, { ip: request.ip, userAgent: request.headers['user-agent'] });
      },
    });
  };
}
