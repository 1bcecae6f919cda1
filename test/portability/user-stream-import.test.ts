import assert from 'node:assert/strict';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { argon2id } from 'hash-wasm';
import { sql } from 'kysely';
import { MANY_ROWS } from '../../src/storage/planner-statistics.ts';
import { pythonHashes } from '../auth/password-hash-tools.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

/**
 * POST /admin/v1/realms/{realm}/users/import/{source}: files of Keyrealm, Keycloak, Auth0,
 * Firebase and CSV streamed in, refused rows reported by their place with nothing of them
 * written, and every imported user signing in with the password the other system knew.
 */
const PASSWORD = 'correct horse battery staple';

/** Firebase's published example (github.com/firebase/scrypt): the project's parameters and one user. */
const FIREBASE = {
  header: 'signer_key=jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==;salt_separator=Bw==;rounds=8;mem_cost=14',
  salt: '42xEC+ixf3L2lw==',
  hash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
  password: 'user1password',
};

function keycloakPbkdf2(digest: 'sha256' | 'sha512', username: string) {
  const salt = randomBytes(16);
  const value = pbkdf2Sync(PASSWORD, salt, 27_500, 64, digest);
  return {
    username,
    email: `${username}@example.com`,
    emailVerified: true,
    enabled: true,
    firstName: 'Kay',
    attributes: { department: ['sales'] },
    credentials: [
      {
        type: 'password',
        secretData: JSON.stringify({ value: value.toString('base64'), salt: salt.toString('base64') }),
        credentialData: JSON.stringify({ hashIterations: 27_500, algorithm: `pbkdf2-${digest}`, additionalParameters: {} }),
      },
    ],
  };
}

async function keycloakArgon2(username: string) {
  const salt = randomBytes(16);
  const value = await argon2id({ password: PASSWORD, salt, iterations: 3, memorySize: 7168, parallelism: 1, hashLength: 32, outputType: 'binary' });
  return {
    username,
    enabled: false,
    credentials: [
      {
        type: 'password',
        secretData: JSON.stringify({ value: Buffer.from(value).toString('base64'), salt: salt.toString('base64') }),
        credentialData: JSON.stringify({ hashIterations: 3, algorithm: 'argon2', additionalParameters: { hashLength: ['32'], memory: ['7168'], type: ['id'], version: ['1.3'], parallelism: ['1'] } }),
      },
    ],
  };
}

for (const dialect of dialects) {
  describe(`user import from files on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) => send(server, method, url, payload, server.adminHeaders);
    const upload = (source: string, body: string, query = '', headers: Record<string, string> = {}) =>
      server.app.inject({ method: 'POST', url: `/admin/v1/realms/files/users/import/${source}${query}`, headers: { ...server.adminHeaders, 'content-type': 'application/octet-stream', ...headers }, payload: body });
    const signsIn = async (identifier: string, password = PASSWORD) => (await send(server, 'POST', '/realms/files/auth/login', { identifier, password })).statusCode === 200;
    let hashes: Awaited<ReturnType<typeof pythonHashes>>;

    before(async () => {
      hashes = await pythonHashes(PASSWORD);
      await admin('POST', '/admin/v1/realms', { name: 'Files', slug: 'files' });
      await admin('POST', '/admin/v1/realms', { name: 'Other', slug: 'other' });
      await admin('POST', '/admin/v1/realms/files/users', { email: 'taken@example.com' });
    });

    it('imports Keyrealm JSON lines across batches, reporting each refused row by its line and writing nothing of it', async () => {
      const lines = Array.from({ length: 1_100 }, (_, i) => JSON.stringify({ email: `bulk${i}@example.com`, tags: ['imported'], password_hash: i === 7 ? hashes['pbkdf2-sha256'] : undefined }));
      lines.splice(100, 0, '{not json');
      lines.splice(200, 0, JSON.stringify({ email: 'taken@example.com' }));
      lines.splice(300, 0, JSON.stringify({ email: 'bulk5@example.com' }));
      lines.splice(400, 0, JSON.stringify({ email: 'plain@example.com', password: PASSWORD }));
      lines.splice(500, 0, JSON.stringify({ email: 'md5@example.com', password_hash: '$1$abc$def' }));
      lines.splice(600, 0, JSON.stringify({ email: 'odd@example.com', colour: 'blue' }));
      lines.splice(700, 0, JSON.stringify({ email: 'nul\u0000@example.com' }));
      lines.splice(800, 0, JSON.stringify({ id: 'usr_x', realm_id: 'rlm_x', email: 'exported@example.com', has_password: false, version: 3, created_at: '2026-01-01T00:00:00.000Z' }));
      const response = await upload('keyrealm', `${lines.join('\n')}\n\n`, '', { 'content-type': 'application/x-ndjson' });
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json();
      assert.equal(report.rows, 1_108);
      assert.equal(report.created, 1_101);
      assert.deepEqual(
        report.failures.map((f: { row: number; code: string }) => [f.row, f.code]).sort((a: number[], b: number[]) => a[0] - b[0]),
        [
          [101, 'import.unreadable_row'],
          [201, 'user.email_taken'],
          [301, 'user.email_taken'],
          [401, 'import.plain_password'],
          [501, 'user.unsupported_password_hash'],
          [601, 'request.validation_failed'],
          [701, 'request.validation_failed'],
        ],
      );
      const found = await admin('GET', '/admin/v1/realms/files/users?tag=imported&limit=1');
      assert.equal(found.json().items.length, 1);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?email=plain@example.com')).json().items.length, 0);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?email=exported@example.com')).json().items.length, 1);
      assert.equal((await admin('GET', '/admin/v1/realms/other/users?email=bulk1@example.com')).json().items.length, 0);
      assert.ok(await signsIn('bulk7@example.com'));
      const batches = (await admin('GET', '/admin/v1/realms/files/events?type=users.imported&limit=10')).json().items;
      assert.equal(batches.reduce((sum: number, event: { details: { count: number } }) => sum + event.details.count, 0), 1_101);
      assert.ok(batches.every((event: { details: { user_ids: string[]; count: number } }) => event.details.user_ids.length === event.details.count));
    });

    it('refuses rows holding the prototype keys a request body may not hold, as the API does', async () => {
      const rows = [
        '{"email":"proto@example.com","custom":{"__proto__":"suspended"}}',
        '{"email":"ctor@example.com","custom":{"plan":{"constructor":{"prototype":{"admin":true}}}}}',
        '{"email":"fine@example.com","custom":{"constructor":"a word like any other"}}',
      ];
      const response = await upload('keyrealm', `${rows.join('\n')}\n`, '', { 'content-type': 'application/x-ndjson' });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json().failures.map((f: { row: number; code: string }) => [f.row, f.code]), [[1, 'request.validation_failed'], [2, 'request.validation_failed']]);
      assert.equal(response.json().created, 1);
      const body = await server.app.inject({ method: 'POST', url: '/admin/v1/realms/files/users', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, payload: rows[0] });
      assert.equal(body.statusCode, 400, 'the same user as a body');
      // Sources that build `custom` themselves keep such a name as an own key, for the same refusal.
      const keycloak = await upload('keycloak', '{"users":[{"username":"kc-proto","email":"kc-proto@example.com","attributes":{"__proto__":[{"plan":"gold"}]}}]}');
      assert.deepEqual(keycloak.json().failures.map((f: { row: number; code: string }) => [f.row, f.code]), [[1, 'request.validation_failed']]);
      const csv = await upload('csv', 'Mail,Plan\r\ncsv-proto@example.com,gold\r\n', `?columns=${encodeURIComponent('email=Mail,custom.__proto__=Plan')}`, { 'content-type': 'text/csv' });
      assert.deepEqual(csv.json().failures.map((f: { row: number; code: string }) => [f.row, f.code]), [[1, 'request.validation_failed']], csv.body);
    });

    it('refuses exactly one of two rows with one email in batches written at once', async () => {
      const lines = Array.from({ length: 1_200 }, (_, i) => JSON.stringify({ email: `cross${i === 700 ? 10 : i}@example.com` }));
      const report = (await upload('keyrealm', lines.join('\n'))).json();
      assert.deepEqual([report.created, report.failed, report.failures[0]?.code], [1_199, 1, 'user.email_taken']);
      // Row 11 and row 701 are in batches that may be written at once (PostgreSQL): whichever commits first wins.
      assert.ok([11, 701].includes(report.failures[0]?.row), `row ${report.failures[0]?.row}`);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?email=cross10@example.com')).json().items.length, 1);
    });

    it('refreshes the planner statistics after an import of many users on PostgreSQL, and leaves SQLite without any', async () => {
      // How often PostgreSQL has analysed the users table; SQLite keeps statistics in sqlite_stat1, made by its first ANALYZE.
      const analyses = async () => {
        const query = dialect === 'postgres' ? sql<{ n: string }>`select analyze_count as n from pg_stat_user_tables where relname = 'users'` : sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`;
        return Number((await query.execute(server.database.db)).rows[0]!.n);
      };
      const before = await analyses();
      const small = (await upload('keyrealm', Array.from({ length: 10 }, (_, i) => JSON.stringify({ email: `few${i}@example.com` })).join('\n'))).json();
      assert.equal(small.created, 10);
      assert.equal(await analyses(), before, 'a small import leaves the statistics to autovacuum');
      const many = (await upload('keyrealm', Array.from({ length: MANY_ROWS }, (_, i) => JSON.stringify({ email: `many${i}@example.com` })).join('\n'))).json();
      assert.equal(many.created, MANY_ROWS);
      assert.equal(await analyses(), dialect === 'postgres' ? before + 1 : 0);
    });

    it("makes another system's names one line rather than refusing the user", async () => {
      const line = JSON.stringify({ email: 'multiline@example.com', first_name: 'Kay\nSecond line', last_name: 'Tab\tbed\u0007', display_name: '\r\n' });
      const report = (await upload('keyrealm', line)).json();
      assert.deepEqual([report.created, report.failed], [1, 0], JSON.stringify(report.failures));
      const [user] = (await admin('GET', '/admin/v1/realms/files/users?email=multiline@example.com')).json().items;
      assert.deepEqual([user.first_name, user.last_name, user.display_name], ['Kay Second line', 'Tab bed', 'Kay Second line Tab bed']);
    });

    it('checks everything and writes nothing in a dry run', async () => {
      const body = [JSON.stringify({ email: 'dry1@example.com' }), JSON.stringify({ email: 'taken@example.com' })].join('\n');
      const report = (await upload('keyrealm', body, '?dry_run=true')).json();
      assert.deepEqual([report.dry_run, report.rows, report.created, report.failed], [true, 2, 1, 1]);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?email=dry1@example.com')).json().items.length, 0);
    });

    it('keeps an imported user\'s versions: version 1 is the imported record, kept when the user changes and when it is deleted', async () => {
      const report = (await upload('keyrealm', [JSON.stringify({ email: 'versioned@example.com', first_name: 'Ada' }), JSON.stringify({ email: 'gone@example.com' })].join('\n'))).json();
      assert.equal(report.created, 2);
      const [user] = (await admin('GET', '/admin/v1/realms/files/users?email=versioned@example.com')).json().items;
      const path = `/admin/v1/realms/files/users/${user.id}`;
      assert.equal((await admin('GET', `${path}?version=1`)).json().first_name, 'Ada');
      assert.equal((await admin('GET', `${path}?version=2`)).statusCode, 404);
      assert.equal((await send(server, 'PATCH', path, { first_name: 'Grace' }, server.adminHeaders)).statusCode, 200);
      assert.equal((await send(server, 'PATCH', path, { last_name: 'Hopper' }, server.adminHeaders)).statusCode, 200);
      const versions = await Promise.all([1, 2, 3].map(async (version) => (await admin('GET', `${path}?version=${version}`)).json()));
      assert.deepEqual(
        versions.map((v) => [v.version, v.first_name, v.last_name ?? null]),
        [
          [1, 'Ada', null],
          [2, 'Grace', null],
          [3, 'Grace', 'Hopper'],
        ],
      );
      // Deleted at version 1: the record as it was is kept beside the deletion.
      const [gone] = (await admin('GET', '/admin/v1/realms/files/users?email=gone@example.com')).json().items;
      assert.equal((await send(server, 'DELETE', `/admin/v1/realms/files/users/${gone.id}`, undefined, server.adminHeaders)).statusCode, 204);
      const rows = await server.database.db.selectFrom('user_versions').select(['version', 'snapshot']).where('user_id', '=', gone.id).orderBy('version').execute();
      assert.deepEqual(
        rows.map((row) => [row.version, (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot).email]),
        [
          [1, 'gone@example.com'],
          [2, 'gone@example.com'],
        ],
      );
    });

    it('imports a Keycloak export: PBKDF2-SHA256/512 and argon2 users sign in, SHA-1 PBKDF2 is refused', async () => {
      const sha1 = keycloakPbkdf2('sha256', 'kc-sha1');
      sha1.credentials[0].credentialData = JSON.stringify({ hashIterations: 27_500, algorithm: 'pbkdf2' });
      const document = { realm: 'acme', enabled: true, users: [keycloakPbkdf2('sha256', 'kc-256'), keycloakPbkdf2('sha512', 'kc-512'), await keycloakArgon2('kc-argon'), sha1, 'oops'] };
      const report = (await upload('keycloak', JSON.stringify(document), '', { 'content-type': 'application/json' })).json();
      assert.deepEqual([report.rows, report.created], [5, 3]);
      assert.deepEqual(report.failures.map((f: { row: number; code: string }) => [f.row, f.code]), [[4, 'user.unsupported_password_hash'], [5, 'import.unreadable_row']]);
      assert.ok(await signsIn('kc-256'));
      assert.ok(await signsIn('kc-512@example.com'));
      const user = (await admin('GET', '/admin/v1/realms/files/users?username=kc-256')).json().items[0];
      assert.equal(user.custom.department, 'sales');
      assert.equal(user.email_verified, true);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?username=kc-argon')).json().items[0].state, 'inactive');
    });

    it('imports an Auth0 export with bcrypt hashes in either of its forms', async () => {
      const body = [
        { _id: { $oid: '60a1' }, email: 'auth0-a@example.com', email_verified: true, passwordHash: hashes['bcrypt-2b'], user_metadata: { plan: 'pro' } },
        { user_id: 'auth0|b', email: 'auth0-b@example.com', given_name: 'Bea', custom_password_hash: { algorithm: 'bcrypt', hash: { value: hashes['bcrypt-2a'] } } },
        { user_id: 'auth0|c', email: 'auth0-c@example.com', custom_password_hash: { algorithm: 'md5', hash: { value: 'abc' } } },
      ].map((user) => JSON.stringify(user));
      const report = (await upload('auth0', body.join('\n'))).json();
      assert.deepEqual([report.created, report.failures[0]?.row, report.failures[0]?.code], [2, 3, 'user.unsupported_password_hash']);
      assert.ok(await signsIn('auth0-a@example.com'));
      assert.ok(await signsIn('auth0-b@example.com'));
      const user = (await admin('GET', '/admin/v1/realms/files/users?email=auth0-a@example.com')).json().items[0];
      assert.deepEqual(user.custom, { plan: 'pro', auth0: { user_id: '60a1' } });
    });

    it("imports a Firebase export with the project's hash parameters, and reports hashes without them", async () => {
      const document = { users: [{ localId: 'fb1', email: 'fire@example.com', emailVerified: true, passwordHash: FIREBASE.hash, salt: FIREBASE.salt, displayName: 'Fire Base' }] };
      const without = (await upload('firebase', JSON.stringify(document))).json();
      assert.deepEqual(without.failures.map((f: { code: string }) => f.code), ['import.hash_parameters_required']);
      assert.equal(errorCode(await upload('firebase', JSON.stringify(document), '', { 'keyrealm-firebase-hash': 'rounds=8' })), 'import.invalid_options');
      // A cost the server would refuse for every user is refused once, for the import (2^20 · 128 · 8 = 1 GiB).
      const costly = await upload('firebase', JSON.stringify(document), '', { 'keyrealm-firebase-hash': FIREBASE.header.replace('mem_cost=14', 'mem_cost=20') });
      assert.equal(errorCode(costly), 'import.invalid_options');
      assert.match(costly.json().error.message, /MiB/);
      const report = (await upload('firebase', JSON.stringify(document), '', { 'keyrealm-firebase-hash': FIREBASE.header })).json();
      assert.equal(report.created, 1, JSON.stringify(report));
      assert.ok(await signsIn('fire@example.com', FIREBASE.password));
      assert.ok(!(await signsIn('fire@example.com', 'user2password')));
    });

    it('imports CSV through a column mapping, and refuses a mapping the header does not have', async () => {
      const csv = ['Email,First,Verified,Groups,Plan', 'csv1@example.com,"Ann, Jr",yes,a;b,gold', 'csv2@example.com,Bob,maybe,,', 'csv3@example.com,Cy', ''].join('\r\n');
      const columns = encodeURIComponent('email=Email,first_name=First,email_verified=Verified,tags=Groups,custom.plan=Plan');
      const report = (await upload('csv', csv, `?columns=${columns}`, { 'content-type': 'text/csv' })).json();
      assert.equal(report.created, 1, JSON.stringify(report));
      assert.deepEqual(report.failures.map((f: { row: number; code: string }) => [f.row, f.code]), [[2, 'import.unreadable_row'], [3, 'import.unreadable_row']]);
      const user = (await admin('GET', '/admin/v1/realms/files/users?email=csv1@example.com')).json().items[0];
      assert.deepEqual([user.first_name, user.email_verified, user.tags, user.custom], ['Ann, Jr', true, ['a', 'b'], { plan: 'gold' }]);
      assert.equal(errorCode(await upload('csv', csv, `?columns=${encodeURIComponent('email=Mail')}`)), 'import.invalid_options');
      assert.equal(errorCode(await upload('csv', csv, `?columns=${encodeURIComponent('password=Email')}`)), 'import.invalid_options');
      assert.equal(errorCode(await upload('csv', csv)), 'import.invalid_options');
    });

    it('refuses documents that are not what the source reads, and callers who may not manage the realm', async () => {
      assert.equal(errorCode(await upload('keycloak', '{"users":[{"username":"cut"')), 'import.malformed_document');
      assert.equal(errorCode(await upload('firebase', '[1,2]')), 'import.malformed_document');
      assert.equal(errorCode(await upload('keycloak', `{"users":[${'['.repeat(100)}`)), 'request.too_deeply_nested');
      assert.equal(errorCode(await upload('nonsense', '{}')), 'request.validation_failed');
      assert.equal((await server.app.inject({ method: 'POST', url: '/admin/v1/realms/files/users/import/keyrealm', payload: '{}' })).statusCode, 401);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?username=cut')).json().items.length, 0);
    });

    it('says how many users were created before a file that breaks off part way', async () => {
      const rows = Array.from({ length: 600 }, (_, i) => ({ username: `partial-${i}` }));
      const text = `{"users":${JSON.stringify(rows).slice(0, -1)},{"username":`;
      const response = await upload('keycloak', text);
      assert.equal(errorCode(response), 'import.malformed_document');
      assert.match(response.json().error.message, /The 600 users of the 600 rows before it were created; import the rest from row 601 on\./);
      assert.equal((await admin('GET', '/admin/v1/realms/files/users?username=partial-599')).json().items.length, 1);
    });
  });
}
