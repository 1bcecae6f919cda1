/**
 * Keycloak's realm export (`kc.sh export`): the realm file, or a `…-users-N.json` file, each an
 * object with a `users` array. Password credentials become our hash forms: PBKDF2-SHA256/512 as
 * passlib's `$pbkdf2-sha…$`, argon2 as its PHC string. Keycloak stores both in `secretData` and
 * `credentialData` (JSON in strings) since version 12, and as plain fields before.
 */
import { setOwn } from '../../platform/own-keys.ts';
import { documentArrayRows } from './json-document.ts';
import { ab64, isObject, jsonObjectIn, present, unpadded, unsupportedHash, type ByteStream, type SourceRow } from './source.ts';

interface PasswordCredential {
  algorithm: string;
  iterations: number;
  salt: string;
  hash: string;
  /** Keycloak's argon2 settings, each a one-element array of text. */
  parameters: Record<string, string[] | undefined>;
}

function passwordCredential(user: Record<string, unknown>): PasswordCredential | undefined {
  const credentials = Array.isArray(user.credentials) ? user.credentials.filter(isObject) : [];
  const credential = credentials.find((c) => c.type === 'password');
  if (!credential) return undefined;
  const secret = jsonObjectIn(credential.secretData);
  const data = jsonObjectIn(credential.credentialData);
  return {
    algorithm: String(data.algorithm ?? credential.algorithm ?? ''),
    iterations: Number(data.hashIterations ?? credential.hashIterations),
    salt: String(secret.salt ?? credential.salt ?? ''),
    hash: String(secret.value ?? credential.hashedSaltedValue ?? ''),
    parameters: isObject(data.additionalParameters) ? (data.additionalParameters as PasswordCredential['parameters']) : {},
  };
}

/** Our form of the credential's hash, or why it cannot be taken. */
function keycloakHash(credential: PasswordCredential): { hash: string } | { refused: string } {
  const { algorithm, iterations, salt, hash, parameters } = credential;
  if (!Number.isInteger(iterations) || iterations < 1 || salt === '' || hash === '') return { refused: 'has a password credential without iterations, salt or value' };
  if (algorithm === 'pbkdf2-sha256' || algorithm === 'pbkdf2-sha512') return { hash: `$${algorithm}$${iterations}$${ab64(salt)}$${ab64(hash)}` };
  if (algorithm === 'argon2') {
    const one = (name: string, fallback: string) => parameters[name]?.[0] ?? fallback;
    const type = one('type', 'id');
    const version = one('version', '1.3') === '1.0' ? 16 : 19;
    if (!['id', 'i', 'd'].includes(type)) return { refused: `has argon2 type ${type}` };
    return { hash: `$argon2${type}$v=${version}$m=${one('memory', '7168')},t=${iterations},p=${one('parallelism', '1')}$${unpadded(salt)}$${unpadded(hash)}` };
  }
  return { refused: `has a ${algorithm || 'unnamed'} password hash; pbkdf2-sha256, pbkdf2-sha512 and argon2 are accepted` };
}

/** Keycloak's attributes are lists of text: single values become plain values in `custom`. */
function customOf(user: Record<string, unknown>): Record<string, unknown> {
  const attributes = isObject(user.attributes) ? user.attributes : {};
  const custom: Record<string, unknown> = {};
  // Own keys, so a `__proto__` attribute reaches the row check (and is refused there) rather than set a prototype.
  for (const [name, values] of Object.entries(attributes)) setOwn(custom, name, Array.isArray(values) && values.length === 1 ? values[0] : values);
  if (typeof user.id === 'string') custom.keycloak_id = user.id;
  return custom;
}

function keycloakUser(user: Record<string, unknown>, row: number): SourceRow {
  const credential = passwordCredential(user);
  const converted = credential ? keycloakHash(credential) : undefined;
  if (converted && 'refused' in converted) return unsupportedHash(row, `The Keycloak user ${converted.refused}.`);
  return {
    row,
    user: present({
      username: user.username,
      email: user.email,
      email_verified: user.emailVerified,
      first_name: user.firstName,
      last_name: user.lastName,
      state: user.enabled === false ? 'inactive' : undefined,
      custom: customOf(user),
      password_hash: converted?.hash,
    }),
  };
}

export function keycloakRows(body: ByteStream): AsyncGenerator<SourceRow> {
  return documentArrayRows(body, 'users', keycloakUser);
}
