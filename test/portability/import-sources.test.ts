import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auth0Rows } from '../../src/portability/sources/auth0.ts';
import { csvRows } from '../../src/portability/sources/csv.ts';
import { firebaseRows } from '../../src/portability/sources/firebase.ts';
import { keyrealmRows } from '../../src/portability/sources/json-lines.ts';
import { keycloakRows } from '../../src/portability/sources/keycloak.ts';
import type { ByteStream, SourceRow } from '../../src/portability/sources/source.ts';
import type { BulkUserWriter } from '../../src/portability/bulk-user-writer.ts';
import { createStreamImport, MAX_REPORTED_FAILURES, recordFailure } from '../../src/portability/user-stream-import.ts';
import type { Realm } from '../../src/realms/realm.ts';

/** A body that delivers its start and then fails, as a request does when its client goes away mid-upload. */
function brokenBody(start: string): ByteStream {
  return (async function* () {
    yield start;
    throw new Error('aborted');
  })();
}

const readers: [string, (body: ByteStream) => AsyncGenerator<SourceRow>, string][] = [
  ['csv', (body) => csvRows(body, new Map([['email', 'Email']])), 'Email\na@example.com\n'],
  ['keyrealm', keyrealmRows, '{"email":"a@example.com"}\n'],
  ['auth0', auth0Rows, '{"email":"a@example.com"}\n'],
  ['keycloak', keycloakRows, '{"users":[{"username":"a"},'],
  ['firebase', (body) => firebaseRows(body, undefined), '{"users":[{"localId":"a"},'],
];

describe('import source readers', () => {
  it('refuses a single value past the bound of the part it is in before holding it: a user element, a member read past', async () => {
    const big = 'x'.repeat(2 * 1024 ** 2);
    for (const document of [`{"users":[{"username":"${big}"}]}`, `{"clients":[{"secret":"${big}"}],"users":[]}`]) {
      const chunks = (async function* () {
        for (let at = 0; at < document.length; at += 64 * 1024) yield document.slice(at, at + 64 * 1024);
      })();
      await assert.rejects(async () => {
        for await (const row of keycloakRows(chunks)) assert.ok(row);
      }, (error: { code?: string; message?: string }) => error.code === 'request.body_too_large' && /single value larger than 1 MiB/.test(error.message ?? ''));
    }
  });

  it('JSON lines: a line is bounded in bytes, also one that arrives whole in a chunk, and a line not in UTF-8 is refused as a row (found by review)', async () => {
    const chunked = (text: string | Buffer, size: number) => {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      return (async function* () {
        for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
      })();
    };
    const rows = async (body: ByteStream) => {
      const read: SourceRow[] = [];
      for await (const row of keyrealmRows(body)) read.push(row);
      return read;
    };
    // A million three-byte characters: under a million characters, three MiB.
    const wide = `{"email":"a@example.com","first_name":"${'日'.repeat(1_000_000)}"}\n`;
    for (const size of [64 * 1024, 8 * 1024 ** 2]) {
      await assert.rejects(rows(chunked(wide, size)), (error: { code?: string }) => error.code === 'request.body_too_large', `chunks of ${size}`);
    }
    const latin1 = Buffer.concat([Buffer.from('{"email":"ren'), Buffer.from([0xe9]), Buffer.from('@example.com"}\n{"email":"b@example.com","first_name":"日本"}\n')]);
    const read = await rows(chunked(latin1, 5));
    assert.deepEqual(read, [
      { row: 1, failure: { code: 'import.unreadable_row', message: 'is not UTF-8 text' } },
      { row: 2, user: { email: 'b@example.com', first_name: '日本' } },
    ]);
  });

  it('CSV and JSON documents: bytes that are not UTF-8 refuse the file where they are, instead of being read as U+FFFD (found by review)', async () => {
    const chunked = (bytes: Buffer, size: number) =>
      (async function* () {
        for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
      })();
    const readAll = async (rows: AsyncGenerator<SourceRow>) => {
      const read: SourceRow[] = [];
      for await (const row of rows) read.push(row);
      return read;
    };
    const latin1 = (before: string, after: string) => Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]);
    const csv = (body: ByteStream) => csvRows(body, new Map([['email', 'Email'], ['first_name', 'Name']]));
    // Characters of two, three and four bytes split across chunks of every size are still read whole.
    const wide = Buffer.from('Email,Name\na@example.com,日本\nb@example.com,Zoë 🙂\n');
    for (const size of [1, 2, 3, 5, 64]) {
      assert.deepEqual(await readAll(csv(chunked(wide, size))), [
        { row: 1, user: { email: 'a@example.com', first_name: '日本' } },
        { row: 2, user: { email: 'b@example.com', first_name: 'Zoë 🙂' } },
      ], `chunks of ${size}`);
    }
    const notUtf8 = (error: { code?: string; message?: string }) => error.code === 'import.malformed_document' && /not UTF-8 text/.test(error.message ?? '');
    await assert.rejects(readAll(csv(chunked(latin1('Email,Name\na@example.com,Ren', '\n'), 7))), notUtf8);
    // A file cut inside a character.
    await assert.rejects(readAll(csv(chunked(Buffer.from('Email,Name\na@example.com,日').subarray(0, -1), 4))), notUtf8);
    await assert.rejects(readAll(keycloakRows(chunked(latin1('{"users":[{"username":"ren', '"}]}'), 6))), notUtf8);
    await assert.rejects(readAll(firebaseRows(chunked(latin1('{"users":[{"localId":"a","displayName":"Ren', '"}]}'), 64), undefined)), notUtf8);
  });

  for (const [name, read, start] of readers) {
    it(`${name}: a body that fails part way is an error of the reading, never an error event that ends the process`, async () => {
      await assert.rejects(async () => {
        for await (const row of read(brokenBody(start))) assert.ok(row.row >= 1);
      });
    });
  }
});

describe('streamed import', () => {
  it('reports the lowest-numbered refused rows in row order, whatever order batches finish in', () => {
    const report = { failed: 0, failures: [] as { row: number; code: string; message: string }[], failures_truncated: false };
    const fail = recordFailure(report);
    // Two batches finishing out of order, past the report's bound.
    for (let row = 1_001; row <= 1_600; row++) fail({ row, code: 'late', message: '' });
    for (let row = 1; row <= 600; row++) fail({ row, code: 'early', message: '' });
    assert.equal(report.failed, 1_200);
    assert.equal(report.failures_truncated, true);
    assert.equal(report.failures.length, MAX_REPORTED_FAILURES);
    assert.deepEqual([report.failures[0].row, report.failures[599].row, report.failures[600].row, report.failures.at(-1)?.row], [1, 600, 1_001, 1_400]);
    assert.ok(report.failures.every((failure, i) => i === 0 || report.failures[i - 1].row <= failure.row));
  });

  it('answers with the error of a batch write that fails, whenever it fails, instead of a report missing its rows', async () => {
    let calls = 0;
    let written = 0;
    let loaded: number | undefined;
    const writer = {
      async write(_realm: unknown, candidates: unknown[]) {
        calls++;
        // The first batch fails at once, while the next rows are still being read: nobody is waiting on it then.
        if (calls === 1) throw new Error('the database went away');
        await new Promise((resolve) => setTimeout(resolve, 5));
        written += candidates.length;
        return { written: candidates.map((candidate) => ({ candidate })), failed: [] };
      },
      async loaded(created: number) {
        loaded = created;
      },
    } as unknown as BulkUserWriter;
    const imports = createStreamImport({ writer, checkRow: (user) => ({ ok: true, input: user }) });
    const lines = Array.from({ length: 1_500 }, (_, i) => JSON.stringify({ username: `u${i}` })).join('\n');
    const origin = { ip: '127.0.0.1', userAgent: null } as never;
    await assert.rejects(imports.importStream({ id: 'rl_x' } as Realm, (async function* () {
      yield lines;
    })(), { source: 'keyrealm', dryRun: false }, { type: 'system', id: null }, origin), /the database went away/);
    assert.ok(calls >= 2, 'later batches were written meanwhile');
    assert.equal(loaded, written, 'the statistics are refreshed for the batches that were written');
  });
});
