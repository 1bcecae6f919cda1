/**
 * Auth0: the user export job's JSON lines, with password hashes as Auth0 support exports them
 * (`passwordHash`, bcrypt), or in Auth0's own import form (`custom_password_hash` with
 * algorithm `bcrypt`). The Auth0 user id and app_metadata are kept in `custom.auth0`.
 */
import { jsonLineRows } from './json-lines.ts';
import { isObject, present, unsupportedHash, type ByteStream, type SourceRow } from './source.ts';

function hashOf(user: Record<string, unknown>): { hash?: string } | { refused: string } {
  const plain = user.passwordHash ?? user.password_hash;
  if (typeof plain === 'string') return { hash: plain };
  const custom = user.custom_password_hash;
  if (!isObject(custom)) return {};
  const value = isObject(custom.hash) ? custom.hash.value : undefined;
  if (custom.algorithm !== 'bcrypt' || typeof value !== 'string') return { refused: `has a custom_password_hash of algorithm ${String(custom.algorithm)}; bcrypt is accepted` };
  return { hash: value };
}

function auth0Id(user: Record<string, unknown>): unknown {
  if (user.user_id !== undefined) return user.user_id;
  return isObject(user._id) ? user._id.$oid : user._id;
}

function auth0User(user: Record<string, unknown>, row: number): SourceRow {
  const hash = hashOf(user);
  if ('refused' in hash) return unsupportedHash(row, `The Auth0 user ${hash.refused}.`);
  const metadata = isObject(user.user_metadata) ? user.user_metadata : {};
  return {
    row,
    user: present({
      email: user.email,
      email_verified: user.email_verified,
      username: user.username,
      mobile: user.phone_number,
      mobile_verified: user.phone_verified,
      first_name: user.given_name,
      last_name: user.family_name,
      display_name: typeof user.name === 'string' && user.name !== user.email ? user.name : undefined,
      state: user.blocked === true ? 'inactive' : undefined,
      custom: { ...metadata, auth0: present({ user_id: auth0Id(user), app_metadata: user.app_metadata }) },
      password_hash: hash.hash,
    }),
  };
}

export function auth0Rows(body: ByteStream): AsyncGenerator<SourceRow> {
  return jsonLineRows(body, auth0User);
}
