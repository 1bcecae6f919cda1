/**
 * Seals an export's secrets (signing keys, second-factor seeds, identity providers' secrets) under
 * a passphrase the operator chooses, so the file can travel to a server with another master key.
 * The key is scrypt(passphrase) with a random salt (OWASP's N=2^17, r=8, p=1), and each secret is
 * sealed with AES-256-GCM as secrets at rest are (src/platform/secret-box.ts). The document's
 * header carries the salt and parameters, and one sealed known text that tells a wrong passphrase
 * from a damaged secret.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../errors.ts';
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

const derive = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** Derivations running at once in this process: each takes 128 MiB and a thread of libuv's pool. */
const MAX_DERIVATIONS = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** On libuv's thread pool, at most two at a time: the event loop keeps serving while the key is derived. */
async function keyOf(passphrase: string, header: Pick<PassphraseHeader, 'ln' | 'r' | 'p' | 'salt'>): Promise<Buffer> {
  // A finishing derivation hands its slot straight to the next waiting one.
  if (running < MAX_DERIVATIONS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    const N = 2 ** header.ln;
    return await derive(passphrase.normalize('NFC'), Buffer.from(header.salt, 'base64url'), 32, { N, r: header.r, p: header.p, maxmem: 256 * N * header.r });
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function requirePassphrase(passphrase: string | undefined): string {
  if (passphrase === undefined || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('import.passphrase_required', `Secrets travel sealed under a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters (the keyrealm-export-passphrase header).`);
  }
  return passphrase;
}

export async function newPassphraseBox(passphrase: string): Promise<{ box: SecretBox; header: PassphraseHeader }> {
  const salt = randomBytes(16).toString('base64url');
  const box = createSecretBox(await keyOf(passphrase, { ...PARAMETERS, salt }));
  return { box, header: { kdf: 'scrypt', ...PARAMETERS, salt, check: box.seal(CHECK_TEXT) } };
}

/** The box the header describes; a wrong passphrase is refused before any secret is opened. */
export async function openPassphraseBox(passphrase: string, header: PassphraseHeader): Promise<SecretBox> {
  // The document is untrusted: only parameters near the ones exports write (at most 128 MiB of memory) are derived.
  if (header.ln < 14 || header.ln > PARAMETERS.ln || header.r !== PARAMETERS.r || header.p !== PARAMETERS.p) {
    throw new AppError('import.malformed_document', 'The document\'s secrets header has scrypt parameters out of range.');
  }
  const box = createSecretBox(await keyOf(passphrase, header));
  try {
    if (box.open(header.check) === CHECK_TEXT) return box;
  } catch {
    // a wrong key fails authentication: the refusal below
  }
  throw new AppError('import.wrong_passphrase', 'The passphrase does not open this export\'s secrets.');
}
