import type { Kysely } from 'kysely';
import type { UserDirectory } from '../contracts.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from './user-store.ts';
import { withoutSecret } from './user.ts';

/** What sign-in, refresh and validate read of users (src/contracts.ts), over the user store. */
export function createUserDirectory(db: Kysely<Schema>): UserDirectory {
  return {
    /** Username first, then email (refused when several users share it), then mobile. */
    findForSignIn: (realmId, identifier) => userStore.findForSignIn(db, realmId, identifier),

    async findById(realmId, userId) {
      const user = await userStore.find(db, realmId, userId);
      return user && withoutSecret(user);
    },

    findWithSecret: (realmId, userId) => userStore.find(db, realmId, userId),

    findTokenSubject: (realmId, userId) => userStore.findTokenSubject(db, realmId, userId),

    upgradePasswordHash: (realmId, userId, oldHash, newHash) => userStore.upgradePasswordHash(db, realmId, userId, oldHash, newHash),
  };
}
