import { mcpResourceOf } from '../mcp/mcp-resource.ts';

/**
 * The protected resources whose tokens act as an operator (RFC 8707 resource indicators; a token's
 * `aud`): the admin API and the MCP endpoint, which acts through it. The admin realm's provider
 * issues tokens for them only when an application asks for them by name, so a token an application
 * of the admin realm gets for anything else — the realm itself (its default), its own API — never
 * opens the admin API, even when an operator is the one signing in.
 */
export const adminApiResourceOf = (publicUrl: string): string => `${publicUrl}/admin/v1`;

export const operatorResourcesOf = (publicUrl: string): string[] => [adminApiResourceOf(publicUrl), mcpResourceOf(publicUrl)];
