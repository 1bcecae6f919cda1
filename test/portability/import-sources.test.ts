import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auth0Rows } from '../../src/portability/sources/auth0.ts';
import { csvRows } from '../../src/portability/sources/csv.ts';
import { firebaseRows } from '../../src/portability/sources/firebase.ts';
import { keyrealmRows } from '../../src/portability/sources/json-lines.ts';
import { keycloakRows } from '../../src/portability/sources/keycloak.ts';
import type { ByteStream, SourceRow } from '../../src/portability/sources/source.ts';

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
  for (const [name, read, start] of readers) {
    it(`${name}: a body that fails part way is an error of the reading, never an error event that ends the process`, async () => {
      await assert.rejects(async () => {
        for await (const row of read(brokenBody(start))) assert.ok(row.row >= 1);
      });
    });
  }
});
