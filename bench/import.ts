/**
 * Bulk import of pre-hashed users: `POST …/users/import/keyrealm` fed a generated JSON-lines
 * file as a stream (the benchmark never holds it whole), timed from the first byte to the report,
 * beside the same users sent through `POST …/users/import` (500 a request, one transaction per
 * user: the per-user path, the baseline) in the same server and run. Each user has a distinct
 * email and a PBKDF2 hash; every imported row is checked under the realm's rules on the way in.
 */
import { pbkdf2Sync, randomBytes } from 'node:crypto';

export interface ImportMeasurement {
  users: number;
  stream_users_per_second: number;
  baseline_users: number;
  per_user_path_users_per_second: number;
}

const SALT = randomBytes(16);
const HASH = `$pbkdf2-sha256$600000$${SALT.toString('base64').replace(/=+$/, '').replaceAll('+', '.')}$${pbkdf2Sync('bench', SALT, 1, 32, 'sha256').toString('base64').replace(/=+$/, '').replaceAll('+', '.')}`;

const userLine = (prefix: string, i: number) => `${JSON.stringify({ email: `${prefix}${i}@example.com`, first_name: 'Bulk', last_name: `User ${i}`, tags: ['imported'], password_hash: HASH })}\n`;

/** The file, made as it is sent, 1,000 lines a chunk. */
function fileOf(prefix: string, count: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next >= count) return controller.close();
      let chunk = '';
      for (const end = Math.min(count, next + 1000); next < end; next++) chunk += userLine(prefix, next);
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

async function call(base: string, token: string, path: string, init: RequestInit & { duplex?: 'half' }): Promise<{ created: number | unknown[]; failed: number | unknown[] }> {
  const response = await fetch(base + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} → ${response.status} ${text}`);
  return JSON.parse(text);
}

export async function measureImport(options: { base: string; operatorToken: string; users: number }): Promise<ImportMeasurement> {
  const { base, operatorToken: token, users } = options;
  const realm = `import-bench-${Date.now()}`;
  await call(base, token, '/admin/v1/realms', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Import bench', slug: realm }) });

  const started = performance.now();
  const report = await call(base, token, `/admin/v1/realms/${realm}/users/import/keyrealm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: fileOf('stream', users),
    duplex: 'half',
  });
  const streamSeconds = (performance.now() - started) / 1000;
  if (report.created !== users) throw new Error(`the stream import created ${String(report.created)} of ${users}: ${JSON.stringify(report).slice(0, 500)}`);

  // The per-user path is much slower: a tenth of the users gives its rate soon enough.
  const baselineUsers = Math.max(1000, Math.round(users / 10 / 500) * 500);
  const baselineStarted = performance.now();
  for (let start = 0; start < baselineUsers; start += 500) {
    const batch = Array.from({ length: 500 }, (_, i) => JSON.parse(userLine('path', start + i)));
    const answer = await call(base, token, `/admin/v1/realms/${realm}/users/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ users: batch }) });
    if ((answer.created as unknown[]).length !== 500) throw new Error(`the per-user import failed rows: ${JSON.stringify(answer.failed).slice(0, 500)}`);
  }
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;
  return { users, stream_users_per_second: users / streamSeconds, baseline_users: baselineUsers, per_user_path_users_per_second: baselineUsers / baselineSeconds };
}
