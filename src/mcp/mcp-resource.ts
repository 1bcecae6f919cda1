/**
 * The MCP endpoint as an OAuth protected resource (RFC 9728, the MCP authorization spec): its
 * canonical URI, which MCP clients send as the `resource` of their authorization and token
 * requests to the admin realm's provider, and which the tokens they get name as `aud`.
 */
export const MCP_PATH = '/mcp';

export const mcpResourceOf = (publicUrl: string): string => `${publicUrl}${MCP_PATH}`;

/** Where the resource's metadata is published: the well-known prefix inserted before its path (RFC 9728 §3.1). */
export const mcpResourceMetadataUrlOf = (publicUrl: string): string => `${publicUrl}/.well-known/oauth-protected-resource${MCP_PATH}`;
