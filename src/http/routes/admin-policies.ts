import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { PolicyService } from '../../authorization/policy-service.ts';
import type { PolicyModule } from '../../authorization/policy-store.ts';
import type { RealmLookup } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { ModuleName, PolicyList, PolicyModuleResponse, PutPolicyBody } from './policy-schema.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });
const ModuleParams = Type.Object({ realm: RealmParams.properties.realm, module: ModuleName });

const iso = (at: number) => new Date(at).toISOString();
const summary = (m: PolicyModule) => ({ module: m.module, policy_count: m.policyCount, version: m.version, created_at: iso(m.createdAt), updated_at: iso(m.updatedAt), updated_by: m.updatedBy });
const full = (m: PolicyModule) => ({ ...summary(m), policy: m.text });

/**
 * /admin/v1/realms/{realm}/policies: the realm's Cedar policy modules. Reads need `realm.read`;
 * saving and deleting need `realm.manage`.
 */
export function adminPolicyRoutes(deps: { policies: PolicyService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { policies, lookup } = deps;
  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);
  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['policies'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(400, 401, 403, 404, ...errors) } },
  });

  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/policies';

    app.get<{ Params: Static<typeof RealmParams> }>(base, schema("List the realm's policy modules", { params: RealmParams }, { 200: PolicyList }), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return { items: (await policies.list(realm)).map(summary), next_cursor: null };
    });

    app.get<{ Params: Static<typeof ModuleParams> }>(`${base}/:module`, schema('Get a policy module', { params: ModuleParams }, { 200: PolicyModuleResponse }), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return full(await policies.get(realm, request.params.module));
    });

    app.put<{ Params: Static<typeof ModuleParams>; Body: Static<typeof PutPolicyBody> }>(
      `${base}/:module`,
      schema('Create or replace a policy module (400 policy.invalid gives each error\u2019s line and column)', { params: ModuleParams, body: PutPolicyBody }, { 200: PolicyModuleResponse }, 413, 422),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return full(await policies.put(realm, request.params.module, request.body.policy, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof ModuleParams> }>(
      `${base}/:module`,
      schema('Delete a policy module', { params: ModuleParams }, { 204: Type.Null({ description: 'No content.' }) }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await policies.remove(realm, request.params.module, actor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
