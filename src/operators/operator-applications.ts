import type { Kysely } from 'kysely';
import type { ApplicationDirectory, RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Actor, EventLog } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { PageRequest } from '../storage/pagination.ts';
import { isVanishedReference } from '../storage/database-errors.ts';
import type { Schema } from '../storage/schema.ts';
import { holdGrantedRealms, normaliseGrants } from './grant-check.ts';
import { operatorApplicationStore, type OperatorApplication } from './operator-application-store.ts';
import type { Grant, OperatorPrincipal } from './permissions.ts';

/**
 * Operator applications: a machine application of the admin realm (a backend, a CI job, an
 * infrastructure tool) given operator grants, so that the access tokens it gets with its client
 * credentials from the admin realm's token endpoint work on the admin API, like an operator's,
 * with no user, password or second factor behind them. Its grants are its own, managed by
 * superadmins as operators are, and go with the application when it is deleted. Taking its grants
 * away ends every token it holds (a cut-off, as switching the application off makes), so giving
 * grants back later does not bring a stolen token back; so does switching it off or deleting it,
 * and revoking one token ends that token. Rotating its secret ends no token already issued.
 */
export function createOperatorApplications(deps: {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  lookup: RealmLookup;
  applications: Pick<ApplicationDirectory, 'findByClientId'>;
  /** Ends every token the application holds (oidc's grantsEnder.endForApplication: a cut-off). */
  endTokens: (realmId: string, clientId: string) => Promise<void>;
  systemRealm: () => Promise<Realm>;
}) {
  const { db, events, lookup, systemRealm } = deps;
  const notFound = (clientId: string) => new AppError('operator.not_found', `No operator application ${clientId}.`);

  async function find(adminRealm: Realm, clientId: string): Promise<OperatorApplication> {
    const found = await operatorApplicationStore.find(db, adminRealm.id, clientId);
    if (!found) throw notFound(clientId);
    return found;
  }

  return {
    /** The grants a client-credentials token of the admin realm carries on the admin API; undefined: none. */
    async principalFor(clientId: string): Promise<OperatorPrincipal | undefined> {
      const found = await operatorApplicationStore.find(db, (await systemRealm()).id, clientId);
      return found && found.grants.length > 0 ? { actor: { type: 'application', id: clientId }, sessionId: null, grants: found.grants } : undefined;
    },

    async list(page: PageRequest) {
      return operatorApplicationStore.list(db, (await systemRealm()).id, page);
    },

    async get(clientId: string): Promise<OperatorApplication> {
      return find(await systemRealm(), clientId);
    },

    /** Gives a machine application of the admin realm these grants (replacing any it had). */
    async grant(clientId: string, grants: Grant[], actor: Actor): Promise<OperatorApplication> {
      const adminRealm = await systemRealm();
      const application = await deps.applications.findByClientId(adminRealm.id, clientId);
      if (!application) throw new AppError('application.not_found', `The admin realm has no application ${clientId}.`);
      if (application.kind !== 'machine') {
        throw new AppError('operator.invalid_application', `Only a machine application (client credentials) can act as an operator; ${clientId} is a ${application.kind} application.`);
      }
      const normalised = await normaliseGrants(lookup, grants);
      await db
        .transaction()
        .execute(async (trx) => {
          await holdGrantedRealms(trx, normalised);
          await operatorApplicationStore.put(trx, adminRealm.id, clientId, normalised, deps.clock.now(), actor.id);
          await events.record(trx, { realmId: adminRealm.id, type: 'operator.application_granted', actor, details: { client_id: clientId, grants: normalised } });
        })
        .catch((error: unknown) => {
          // Deleted since it was read: its row's foreign key refuses the grants.
          if (isVanishedReference(error)) throw new AppError('application.not_found', `The admin realm has no application ${clientId}.`);
          throw error;
        });
      return find(adminRealm, clientId);
    },

    /** Takes the application's grants away and ends every token it holds. */
    async revoke(clientId: string, actor: Actor): Promise<void> {
      const adminRealm = await systemRealm();
      await db.transaction().execute(async (trx) => {
        if (!(await operatorApplicationStore.delete(trx, adminRealm.id, clientId))) throw notFound(clientId);
        await events.record(trx, { realmId: adminRealm.id, type: 'operator.application_revoked', actor, details: { client_id: clientId } });
      });
      await deps.endTokens(adminRealm.id, clientId);
    },
  };
}

export type OperatorApplications = ReturnType<typeof createOperatorApplications>;
