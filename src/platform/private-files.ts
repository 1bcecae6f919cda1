import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Files only the server's user may read (the outboxes: they hold sign-in links and codes).
 * `mkdir` and `writeFile` leave an existing directory's or file's permissions as they were, and
 * `writeFile` follows a symlink planted at the file's name; these do neither.
 */

/** Creates the directory when missing and makes it owner-only either way (0700). */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/**
 * Writes `content` to a fresh temporary name beside `file` (O_EXCL, so nothing already there, a
 * symlink included, is followed; mode 0600) and renames it into place, which replaces whatever was
 * at `file` (a file with looser permissions, or a symlink) instead of writing through it. Streamed
 * `content` (an export) is written as it comes; whatever fails, the temporary file is removed.
 */
export async function writePrivateFile(file: string, content: string | Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx', mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
}
