import type { UserDirectory } from '../contracts.ts';
import type { Actor, RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import type { CreateOptions, PasswordContext, PlanChange } from '../users/user-service.ts';
import type { NewUserInput } from '../users/user-fields.ts';
import type { User, UserWithSecret } from '../users/user.ts';

/** What the account flows need from the user module: lookups, one planned change, creation, hashing under the policy. */
export interface AccountUsers {
  findForSignIn: UserDirectory['findForSignIn'];
  get(realm: Realm, userId: string): Promise<User>;
  applyChange(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin, plan: PlanChange): Promise<UserWithSecret>;
  create(realm: Realm, input: NewUserInput, actor: Actor, origin: RequestOrigin, options?: CreateOptions): Promise<User>;
  hashAcceptablePassword(realm: Realm, password: string, context: PasswordContext): Promise<string>;
}
