import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where `keyrealm login` keeps the operator's tokens: `$XDG_CONFIG_HOME/keyrealm/credentials.json`
 * (`~/.config/keyrealm/credentials.json` without it), readable by its owner alone (0600, in a 0700
 * directory) — the tokens are as good as the operator's password until they expire.
 */
export interface StoredCredentials {
  server: string;
  access_token: string;
  refresh_token?: string;
  /** Epoch ms; null when the access token does not expire. */
  expires_at: number | null;
  session_id: string | null;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'keyrealm', 'credentials.json');
}

export function readCredentials(path = credentialsPath()): StoredCredentials | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StoredCredentials;
  } catch {
    return undefined;
  }
}

export function writeCredentials(credentials: StoredCredentials, path = credentialsPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // An existing directory keeps its mode through mkdirSync: make it the user's alone.
  chmodSync(dirname(path), 0o700);
  // Written under a fresh name (O_EXCL: nothing planted there is followed), then renamed into place,
  // so the tokens are never readable by others, not even for the moment an older file is rewritten.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

export function forgetCredentials(path = credentialsPath()): void {
  rmSync(path, { force: true });
}
