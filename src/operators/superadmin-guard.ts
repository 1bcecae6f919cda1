import type { UserService } from '../users/user-service.ts';
import type { OperatorService } from './operator-service.ts';

/**
 * Operators are users of the admin realm, so the admin user API could otherwise delete, lock or
 * deactivate the last active superadmin behind the operator API's back. The admin user routes get
 * the user service through this guard, which applies the operator rule first.
 */
export function guardSuperadmins(users: UserService, operators: Pick<OperatorService, 'assertKeepsSuperadmin'>): UserService {
  return {
    ...users,
    async update(realm, userId, changes, actor, origin) {
      await operators.assertKeepsSuperadmin(realm, userId, { state: changes.state });
      return users.update(realm, userId, changes, actor, origin);
    },
    async lock(realm, userId, reason, actor, origin) {
      await operators.assertKeepsSuperadmin(realm, userId, { locked: true });
      return users.lock(realm, userId, reason, actor, origin);
    },
    async remove(realm, userId, actor, origin) {
      await operators.assertKeepsSuperadmin(realm, userId, { remove: true });
      return users.remove(realm, userId, actor, origin);
    },
  };
}
