/**
 * Firebase Authentication's `firebase auth:export users.json --format=json`: an object with a
 * `users` array. Password hashes need the project's hash parameters (Firebase console →
 * Authentication → password hash parameters), given with the import; each user's hash is kept in
 * our `$firebase-scrypt$` form with them (src/platform/password-formats/firebase-scrypt.ts).
 */
import { AppError } from '../../errors.ts';
import { firebaseScryptHash } from '../../platform/password-formats/index.ts';
import { documentParts } from './json-document.ts';
import { isObject, present, unreadable, type ByteStream, type SourceRow } from './source.ts';

export interface FirebaseHashConfig {
  signerKey: string;
  saltSeparator: string;
  rounds: number;
  memCost: number;
}

/** Firebase's Admin SDK writes URL-safe base64; its CLI, standard base64. Ours is standard. */
const standardBase64 = (text: string) => text.replaceAll('-', '+').replaceAll('_', '/');

function customAttributes(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string' || text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function firebaseUser(user: Record<string, unknown>, row: number, config: FirebaseHashConfig | undefined): SourceRow {
  let passwordHash: string | undefined;
  if (typeof user.passwordHash === 'string' && user.passwordHash !== '') {
    if (!config) {
      return { row, failure: { code: 'import.hash_parameters_required', message: "The user has a password hash; give the project's hash parameters to import it." } };
    }
    passwordHash = firebaseScryptHash({ ...config, salt: standardBase64(String(user.salt ?? '')), hash: standardBase64(user.passwordHash) });
  }
  return {
    row,
    user: present({
      email: user.email,
      email_verified: user.emailVerified,
      mobile: user.phoneNumber,
      display_name: user.displayName,
      state: user.disabled === true ? 'inactive' : undefined,
      custom: { ...customAttributes(user.customAttributes), firebase_uid: user.localId },
      password_hash: passwordHash,
    }),
  };
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function checkHashConfig({ signerKey, saltSeparator, rounds, memCost }: FirebaseHashConfig): void {
  const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (!signerKey || !BASE64.test(signerKey) || !BASE64.test(saltSeparator) || !inRange(rounds, 256) || !inRange(memCost, 32)) {
    throw new AppError('import.invalid_options', "Firebase's hash parameters must be signer_key=…;salt_separator=…;rounds=N;mem_cost=N (base64 keys, rounds 1 to 256, mem_cost 1 to 32).");
  }
}

export async function* firebaseRows(body: ByteStream, config: FirebaseHashConfig | undefined): AsyncGenerator<SourceRow> {
  if (config) checkHashConfig(config);
  for await (const part of documentParts(body, { streamed: new Set(['users']), wanted: new Set(['users']) })) {
    if (part.key !== 'users' || !part.element) continue;
    const row = part.index + 1;
    yield isObject(part.value) ? firebaseUser(part.value, row, config && { ...config, signerKey: standardBase64(config.signerKey), saltSeparator: standardBase64(config.saltSeparator) }) : unreadable(row, 'is not a JSON object');
  }
}
