/**
 * An API that trusts a Keyrealm realm: every route needs one of the realm's access tokens
 * (verified offline against the realm's published keys), `/reports` also the role `analyst`.
 *
 *   KEYREALM_URL=https://id.example.com KEYREALM_REALM=rl_… node examples/fastify-api/server.ts
 */
import Fastify from 'fastify';
import { fastifyGuard, requireRole, type Principal } from '@keyrealm/sdk/middleware';

export function buildApi(keyrealm: { baseUrl: string; realm: string }) {
  const app = Fastify();
  const signedIn = fastifyGuard(keyrealm);
  const analysts = fastifyGuard({ ...keyrealm, require: [requireRole('analyst')] });
  const principalOf = (request: unknown) => (request as { principal: Principal }).principal;

  app.get('/me', { preHandler: signedIn }, async (request) => {
    const { subject, roles, tenant } = principalOf(request);
    return { subject, roles, tenant };
  });
  app.get('/reports', { preHandler: analysts }, async (request) => ({ reports: [], for: principalOf(request).subject }));
  return app;
}
