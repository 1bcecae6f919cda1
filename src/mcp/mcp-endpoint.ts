import type { IncomingMessage, ServerResponse } from 'node:http';
import { memoise } from '../platform/lazy.ts';

/**
 * The Model Context Protocol over streamable HTTP at `/mcp` (packages/mcp's tools): stateless, one
 * MCP server per request, acting with the operator's own token through the admin API — answered
 * inside this process (`inProcessFetch`), never over the network, and with exactly the operator's
 * permissions. The protocol's modules are loaded by the first request, so a server nobody talks
 * MCP to never holds them.
 */
export interface McpEndpointDeps {
  /**
   * A fetch that this server answers itself (Fastify's inject), on behalf of the MCP request's
   * caller: the admin API records their address and user agent in its events, not the process's.
   */
  inProcessFetch: (caller: McpCaller) => typeof fetch;
}

/** Who sent the MCP request. */
export interface McpCaller {
  ip: string;
  userAgent: string | undefined;
}

/** The base URL the MCP tools' admin client is given: any address, as inProcessFetch never leaves the process. */
const IN_PROCESS_BASE = 'http://keyrealm.internal';

const load = memoise(async () => {
  const [{ createKeyrealmMcpServer }, { KeyrealmAdmin }, { StreamableHTTPServerTransport }] = await Promise.all([
    import('@keyrealm/mcp'),
    import('@keyrealm/sdk'),
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
  ]);
  return { createKeyrealmMcpServer, KeyrealmAdmin, StreamableHTTPServerTransport };
});

export function createMcpEndpoint(deps: McpEndpointDeps) {
  /** Serves one MCP request for the operator whose (already checked) token this is. */
  return async (req: IncomingMessage, res: ServerResponse, body: unknown, token: string, caller: McpCaller): Promise<void> => {
    const { createKeyrealmMcpServer, KeyrealmAdmin, StreamableHTTPServerTransport } = await load();
    const admin = new KeyrealmAdmin({ baseUrl: IN_PROCESS_BASE, token, fetch: deps.inProcessFetch(caller) });
    const server = createKeyrealmMcpServer(admin);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };
}

export type McpEndpoint = ReturnType<typeof createMcpEndpoint>;
