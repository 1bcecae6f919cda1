import type { Access } from '../realms/realm.ts';

/** A user as the API returns it (never the password hash). Times are epoch ms in the domain. */
export interface User {
  id: string;
  realm_id: string;
  username: string | null;
  email: string | null;
  email_verified: boolean;
  mobile: string | null;
  mobile_verified: boolean;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  display_name: string | null;
  state: 'active' | 'inactive';
  locked: boolean;
  locked_reason: string | null;
  user_type: 'human' | 'api';
  tags: string[];
  custom: Record<string, unknown>;
  access: Access | null;
  access_token_minutes: number | null;
  has_password: boolean;
  /** Created through self sign-up; such an account may need a verified email to sign in. */
  signed_up: boolean;
  last_login_at: number | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

/** The user with what sign-in needs and the API never shows. */
export interface UserWithSecret extends User {
  password_hash: string | null;
}

/** A user may sign in, refresh and pass validate only while active and unlocked. */
export function canAuthenticate(user: Pick<User, 'state' | 'locked'>): boolean {
  return user.state === 'active' && !user.locked;
}

/** The user as the API may show it: the same record without the password hash. */
export function withoutSecret(user: UserWithSecret): User {
  const { password_hash: _hash, ...rest } = user;
  return { ...rest, has_password: user.password_hash !== null };
}
