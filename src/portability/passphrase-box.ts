/**
 * Seals an export's secrets (signing keys, second-factor seeds, identity providers' secrets) under
 * a passphrase the operator chooses, so the file can travel to a server with another master key.
 * The key is scrypt(passphrase) with a random salt (OWASP's N=2^17, r=8, p=1), and each secret is
 * sealed with AES-256-GCM as secrets at rest are (src/platform/secret-box.ts). The document's
 * header carries the salt and parameters, and one sealed known text that tells a wrong passphrase
 * from a damaged secret.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { HashingScheduler } from '../platform/hashing-scheduler.ts';
import { deriveScrypt } from '../platform/password-formats/scrypt.ts';
import { createSecretBox, type SecretBox } from '../platform/secret-box.ts';

export interface PassphraseHeader {
  kdf: 'scrypt';
  ln: number;
  r: number;
  p: number;
  salt: string;
  check: string;
}

const CHECK_TEXT = 'keyrealm realm export';
const PARAMETERS = { ln: 17, r: 8, p: 1 };
/** A passphrase shorter than this is refused: the export holds every key of the realm. */
const MIN_PASSPHRASE_LENGTH = 12;

/**
 * Where a key is derived: as every password hash is, on a hashing worker and in the realm's turn
 * of the fair queue (src/platform/hashing-scheduler.ts), so an export's 128 MiB scrypt neither
 * blocks the event loop nor jumps ahead of other realms' sign-ins.
 */
export interface PassphraseDerivation {
  hashing: Pick<HashingScheduler, 'run'>;
  /** The realm whose turn it takes. */
  realmId: string;
}

function keyOf(passphrase: string, header: Pick<PassphraseHeader, 'ln' | 'r' | 'p' | 'salt'>, where: PassphraseDerivation): Promise<Buffer> {
  const salt = Buffer.from(header.salt, 'base64url');
  return where.hashing.run(where.realmId, () => deriveScrypt(passphrase.normalize('NFC'), salt, { cost: 2 ** header.ln, blockSize: header.r, parallelization: header.p }, 32));
}

export function requirePassphrase(passphrase: string | undefined): string {
  if (passphrase === undefined || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('import.passphrase_required', `Secrets travel sealed under a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters (the keyrealm-export-passphrase header).`);
  }
  return passphrase;
}

export async function newPassphraseBox(passphrase: string, where: PassphraseDerivation): Promise<{ box: SecretBox; header: PassphraseHeader }> {
  const salt = randomBytes(16).toString('base64url');
  const box = createSecretBox(await keyOf(passphrase, { ...PARAMETERS, salt }, where));
  return { box, header: { kdf: 'scrypt', ...PARAMETERS, salt, check: box.seal(CHECK_TEXT) } };
}

/** The box the header describes; a wrong passphrase is refused before any secret is opened. */
export async function openPassphraseBox(passphrase: string, header: PassphraseHeader, where: PassphraseDerivation): Promise<SecretBox> {
  // The document is untrusted: only parameters near the ones exports write (at most 128 MiB of memory) are derived.
  if (header.ln < 14 || header.ln > PARAMETERS.ln || header.r !== PARAMETERS.r || header.p !== PARAMETERS.p) {
    throw new AppError('import.malformed_document', 'The document\'s secrets header has scrypt parameters out of range.');
  }
  const box = createSecretBox(await keyOf(passphrase, header, where));
  try {
    if (box.open(header.check) === CHECK_TEXT) return box;
  } catch {
    // a wrong key fails authentication: the refusal below
  }
  throw new AppError('import.wrong_passphrase', 'The passphrase does not open this export\'s secrets.');
}
