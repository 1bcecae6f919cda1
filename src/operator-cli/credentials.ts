import { readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensurePrivateDirectory, writePrivateFile } from '../platform/private-files.ts';

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

/**
 * Replaces the file instead of rewriting it, so the tokens are never readable by others, not even
 * for the moment an older file is rewritten, and no temporary copy of them is left when that fails.
 */
export async function writeCredentials(credentials: StoredCredentials, path = credentialsPath()): Promise<void> {
  await ensurePrivateDirectory(dirname(path));
  await writePrivateFile(path, `${JSON.stringify(credentials, null, 2)}\n`);
}

export function forgetCredentials(path = credentialsPath()): void {
  rmSync(path, { force: true });
}
