import type { ApplicationConsent, ApplicationDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { applicationNotFound, type ApplicationRecord } from './application.ts';
import type { ApplicationDeps } from './application-service.ts';
import { userStore } from '../users/user-store.ts';
import { applicationStore } from './application-store.ts';
import { secretMatches } from './client-secrets.ts';

/**
 * What the OpenID Connect provider asks of applications while it runs (secrets, consents, return
 * URIs), and users' own view of the applications they let in. A consent is remembered until the
 * user (or the application's deletion) revokes it; revoking ends what the provider issued to the
 * application for that user.
 */
export interface ConsentedApplication {
  application: ApplicationRecord;
  consent: ApplicationConsent;
}

export function createApplicationConsents(deps: ApplicationDeps) {
  const { db, clock, events, grants } = deps;

  const secretChecker: ApplicationDirectory['secretChecker'] = async (realmId, applicationId) => {
    const hashes = await applicationStore.secretHashes(db, realmId, applicationId);
    // The previous secret's grace is judged at each check, not when the hashes were read.
    return (presented) => secretMatches(hashes, presented, clock.now());
  };

  const consent: ApplicationDirectory['consent'] = (realmId, userId, applicationId) => applicationStore.consent(db, realmId, userId, applicationId);

  const recordConsent: ApplicationDirectory['recordConsent'] = (realmId, userId, applicationId, scopes, origin) =>
    db.transaction().execute(async (trx) => {
      const app = await applicationStore.find(trx, realmId, applicationId);
      if (!app) throw applicationNotFound();
      // The user must be a live user of the same realm (nothing else ties the row to it: users are
      // soft-deleted and the key is users.id alone); the lock keeps a deletion from passing between.
      if (!(await userStore.findForChange(trx, realmId, userId))) throw new AppError('user.not_found', 'No such user in this realm.');
      const { consent: widened, added } = await applicationStore.widenConsent(trx, realmId, userId, applicationId, scopes, clock.now());
      if (added.length > 0) {
        await events.record(trx, { realmId, type: 'user.consent_granted', actor: { type: 'user', id: userId }, userId, origin, details: { client_id: applicationId, scopes: added } });
      }
      return widened;
    });

  const isRegisteredReturnUri: ApplicationDirectory['isRegisteredReturnUri'] = (realmId, uri, kind) =>
    applicationStore.hasReturnUri(db, realmId, uri, kind === 'redirect' ? 'redirect_uris' : 'post_logout_redirect_uris');

  return {
    secretChecker,
    consent,
    recordConsent,
    isRegisteredReturnUri,

    /** The applications the user consented to, most recent first. */
    consentsOf(realm: Realm, userId: string): Promise<ConsentedApplication[]> {
      return applicationStore.consentsOfUser(db, realm.id, userId);
    },

    /** The user withdraws their consent: the application must ask again, and what it holds for them ends. */
    async revokeConsent(realm: Realm, userId: string, applicationId: string, origin: RequestOrigin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await applicationStore.removeConsent(trx, realm.id, userId, applicationId))) {
          throw new AppError('application.consent_not_found', 'You have not consented to this application.');
        }
        await events.record(trx, { realmId: realm.id, type: 'user.consent_revoked', actor: { type: 'user', id: userId }, userId, origin, details: { client_id: applicationId } });
      });
      await grants.endForUser(realm.id, applicationId, userId);
    },
  };
}
