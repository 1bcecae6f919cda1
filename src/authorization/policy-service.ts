import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { isCedarFault, loadCedar, resetCedar } from './policy-cedar.ts';
import { parseModule, policyLimits, requireModuleName, validateModule, type ParsedModule } from './policy-module.ts';
import { policyStore, type PolicyModule } from './policy-store.ts';

/** The realm's permission strings (the role service feeds them); they become the schema's actions. */
export type PermissionsProvider = (realmId: string) => Promise<string[]>;

/**
 * Each realm's Cedar policy modules: listed, read, saved (parsed and validated against the
 * realm's schema first, so a stored module always compiles) and deleted. A change is recorded as an
 * event in its transaction and then published on the invalidation bus, so every process's compiled
 * policies (policy-cache.ts) are dropped before the request answers.
 */
export function createPolicyService(deps: {
  db: Kysely<Schema>;
  clock: Clock;
  events: Pick<EventLog, 'record'>;
  invalidation: InvalidationPublisher;
  permissions: PermissionsProvider;
}) {
  const { db, clock, events, invalidation } = deps;

  async function require(realm: Realm, module: string): Promise<PolicyModule> {
    const found = await policyStore.find(db, realm.id, requireModuleName(module));
    if (!found) throw new AppError('policy.module_not_found', `The realm has no policy module ${module}.`);
    return found;
  }

  return {
    list: (realm: Realm): Promise<PolicyModule[]> => policyStore.list(db, realm.id),

    get: require,

    /** Creates or replaces a module; refused (policy.invalid, with line and column) unless it parses and validates. */
    async put(realm: Realm, module: string, text: string, actor: Actor, origin: RequestOrigin): Promise<PolicyModule> {
      requireModuleName(module);
      const permissions = await deps.permissions(realm.id);
      const cedar = await loadCedar();
      let parsed: ParsedModule;
      try {
        parsed = parseModule(cedar, text);
        validateModule(cedar, text, parsed, [...permissions, ...parsed.actions]);
      } catch (error) {
        // The bounds (policy-complexity.ts) are meant to make this unreachable; should Cedar still
        // trap, the text is refused and the process goes on with a fresh instance.
        if (!isCedarFault(error)) throw error;
        resetCedar();
        throw new AppError('policy.too_complex', 'The policy is too complex for the policy engine; split or simplify it.');
      }
      await db.transaction().execute(async (trx) => {
        const existing = await policyStore.find(trx, realm.id, module);
        if (!existing && (await policyStore.count(trx, realm.id)) >= policyLimits.modulesPerRealm) {
          throw new AppError('policy.limit_reached', `A realm holds at most ${policyLimits.modulesPerRealm} policy modules.`);
        }
        await policyStore.save(trx, realm.id, module, text, parsed.policies.length, clock.now(), actor.id);
        await events.record(trx, {
          realmId: realm.id,
          type: 'policy.updated',
          actor,
          origin,
          details: { module, policies: parsed.policies.length, created: !existing },
        });
      });
      await invalidation.publish({ realmId: realm.id });
      return require(realm, module);
    },

    async remove(realm: Realm, module: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      requireModuleName(module);
      const removed = await db.transaction().execute(async (trx) => {
        if (!(await policyStore.remove(trx, realm.id, module))) return false;
        await events.record(trx, { realmId: realm.id, type: 'policy.deleted', actor, origin, details: { module } });
        return true;
      });
      if (!removed) throw new AppError('policy.module_not_found', `The realm has no policy module ${module}.`);
      await invalidation.publish({ realmId: realm.id });
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
