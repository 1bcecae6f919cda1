/** @keyrealm/mcp: the MCP server over an operator's admin client; `keyrealm-mcp` runs it over stdio. */
export { createKeyrealmMcpServer, SERVER_INFO } from './server.ts';
