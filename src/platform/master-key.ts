import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The master key seals secrets at rest (src/platform/secret-box.ts). */
export const MASTER_KEY_BYTES = 32;

export interface MasterKeyOptions {
  /** KEYREALM_MASTER_KEY, base64 (already checked to be 32 bytes by the configuration). */
  configured: string | undefined;
  dataDir: string;
  warn: (message: string) => void;
}

/**
 * A MAC key of its own for one purpose: HMAC-SHA-256 of `label` under the master key (the
 * derivation these keys have always had, so what they keyed stays valid). A KeyObject, since an
 * HMAC under a bare Buffer key makes one anew each time (12–13 µs against 1.7 µs, Node 24).
 */
export function purposeKey(masterKey: Buffer, label: string): KeyObject {
  return createSecretKey(createHmac('sha256', masterKey).update(label).digest());
}

export function masterKeyPath(dataDir: string): string {
  return join(dataDir, 'master.key');
}

/**
 * The configured key, else the one kept in `<dataDir>/master.key`, generated on first start.
 * The key is written to a private temporary file and hard-linked into place, which fails if the
 * file exists: when two processes start together, both end up with the complete key of the first.
 */
export function loadMasterKey(options: MasterKeyOptions): Buffer {
  if (options.configured) return decode(options.configured, 'KEYREALM_MASTER_KEY');
  const path = masterKeyPath(options.dataDir);
  const existing = readKeyFile(path);
  if (existing) return existing;

  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(MASTER_KEY_BYTES);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path) as Buffer;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  options.warn(
    `Generated a master key in ${path}. It encrypts signing keys at rest: back it up with the database. ` +
      'Production should set KEYREALM_MASTER_KEY (openssl rand -base64 32) instead.',
  );
  return key;
}

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return decode(text.trim(), path);
}

function decode(base64: string, source: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`The master key in ${source} must be ${MASTER_KEY_BYTES} bytes, base64-encoded.`);
  return key;
}
