/**
 * Firebase Authentication's `firebase auth:export users.json --format=json`: an object with a
 * `users` array. Password hashes need the project's hash parameters (Firebase console →
 * Authentication → password hash parameters), given with the import; each user's hash is kept in
 * our `$firebase-scrypt$` form with them (src/platform/password-formats/firebase-scrypt.ts).
 */
import { AppError } from '../../errors.ts';
import { firebaseScryptHash } from '../../platform/password-formats/index.ts';
import { passwordHashIssue } from '../../platform/passwords.ts';
import { documentArrayRows } from './json-document.ts';
import { jsonObjectIn, present, type ByteStream, type SourceRow } from './source.ts';

export interface FirebaseHashConfig {
  signerKey: string;
  saltSeparator: string;
  rounds: number;
  memCost: number;
}

/** Firebase's Admin SDK writes URL-safe base64; its CLI, standard base64. Ours is standard. */
const standardBase64 = (text: string) => text.replaceAll('-', '+').replaceAll('_', '/');

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
      custom: { ...jsonObjectIn(user.customAttributes), firebase_uid: user.localId },
      password_hash: passwordHash,
    }),
  };
}

/**
 * The parameters in standard base64, checked once for the whole import by the very check each
 * user's hash gets (a stand-in hash of the key's length): a cost the server refuses is one 400,
 * not a refusal per user.
 */
function settledHashConfig(given: FirebaseHashConfig): FirebaseHashConfig {
  const config = { ...given, signerKey: standardBase64(given.signerKey), saltSeparator: standardBase64(given.saltSeparator) };
  const usage = 'signer_key=…;salt_separator=…;rounds=N;mem_cost=N, as the Firebase console shows them';
  if (!Number.isInteger(config.rounds) || !Number.isInteger(config.memCost) || config.signerKey === '') {
    throw new AppError('import.invalid_options', `Firebase's hash parameters must be ${usage}.`);
  }
  const issue = passwordHashIssue(firebaseScryptHash({ ...config, salt: 'AAAA', hash: config.signerKey }));
  if (issue) throw new AppError('import.invalid_options', `Firebase's hash parameters (${usage}) are refused: a hash made with them ${issue}.`);
  return config;
}

export function firebaseRows(body: ByteStream, given: FirebaseHashConfig | undefined): AsyncGenerator<SourceRow> {
  const config = given && settledHashConfig(given);
  return documentArrayRows(body, 'users', (user, row) => firebaseUser(user, row, config));
}
