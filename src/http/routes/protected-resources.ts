import type { FastifyInstance } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import { adminApiResourceOf } from '../../auth/admin-resources.ts';
import { AppError } from '../../errors.ts';
import { MCP_PATH, mcpResourceOf } from '../../mcp/mcp-resource.ts';
import { ADMIN_REALM_SLUG } from '../../realms/realm.ts';
import { issuerOf } from '../../tokens/access-tokens.ts';
import type { RouteTree } from '../app.ts';

/**
 * OAuth protected resource metadata (RFC 9728) of the admin API and the MCP endpoint: each names
 * its canonical URI (the `resource` a client asks the provider for, the `aud` of its tokens) and
 * the admin realm's provider as its authorization server. Each is published at the well-known
 * prefix inserted before the resource's path; the root serves the MCP endpoint's, where MCP
 * clients look when the path-aware address is missing.
 */
export function protectedResourceRoutes(deps: { lookup: RealmLookup; publicUrl: string }): RouteTree {
  const describe = async (resource: string, name: string) => {
    const admin = await deps.lookup.resolve(ADMIN_REALM_SLUG);
    if (!admin) throw new AppError('realm.not_found', 'The server has no admin realm yet.');
    return {
      resource,
      authorization_servers: [issuerOf(deps.publicUrl, admin.id)],
      bearer_methods_supported: ['header'],
      // What a client asks for: the provider grants nothing without a scope, and `openid` is the one
      // every application may ask for (a machine application too). The operator's grants, not
      // scopes, decide what a token may do.
      scopes_supported: ['openid'],
      resource_name: name,
      resource_documentation: `${deps.publicUrl}/docs`,
    };
  };
  const resources: [path: string, resource: string, name: string][] = [
    ['', mcpResourceOf(deps.publicUrl), 'Keyrealm administration (MCP)'],
    [MCP_PATH, mcpResourceOf(deps.publicUrl), 'Keyrealm administration (MCP)'],
    ['/admin/v1', adminApiResourceOf(deps.publicUrl), 'Keyrealm admin API'],
  ];
  return async (app: FastifyInstance) => {
    for (const [path, resource, name] of resources) {
      app.get(`/.well-known/oauth-protected-resource${path}`, { schema: { hide: true } }, async (_request, reply) =>
        reply.header('cache-control', 'public, max-age=300').send(await describe(resource, name)),
      );
    }
  };
}
