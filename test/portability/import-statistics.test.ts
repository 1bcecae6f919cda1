/**
 * The statistics refresh after a large import (src/storage/planner-statistics.ts, PostgreSQL only)
 * is never what decides an import: a table another session holds is skipped rather than waited
 * for, and a refresh that fails is logged while the import stands — a realm import is never
 * undone for it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createBulkUserWriter } from '../../src/portability/bulk-user-writer.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { MANY_ROWS } from '../../src/storage/planner-statistics.ts';
import { capturedLogger } from '../sms/sms-fixtures.ts';
import { createTestDatabase, POSTGRES_URL } from '../support/databases.ts';
import { send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

const analysesOf = async (db: Kysely<any>, table: string) =>
  Number((await sql<{ n: string }>`select analyze_count as n from pg_stat_user_tables where relname = ${table}`.execute(db)).rows[0]!.n);

describe('statistics after a large import on postgres', () => {
  const server = serverPerSuite({ dialect: 'postgres' });

  it('imports a realm of many users while another session holds a users table, skipping that table', async () => {
    const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) => send(server, method, url, payload, server.adminHeaders);
    assert.equal((await admin('POST', '/admin/v1/realms', { name: 'Source', slug: 'source' })).statusCode, 201);
    assert.equal((await admin('POST', '/admin/v1/realms/source/users', { email: 'one@example.com' })).statusCode, 201);
    const document = (await server.app.inject({ method: 'GET', url: '/admin/v1/realms/source/export', headers: server.adminHeaders })).json();
    const [one] = document.users;
    document.users = Array.from({ length: MANY_ROWS }, (_, i) => ({ ...one, id: `${one.id}${i}`, email: `u${i}@example.com` }));

    const db = server.database.db;
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name;
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      // What a manual VACUUM or ANALYZE of user_tags holds, until after the import has answered.
      await other.query('begin');
      await other.query('lock table user_tags in share update exclusive mode');
      const [users, tags] = [await analysesOf(db, 'users'), await analysesOf(db, 'user_tags')];
      const response = await server.app.inject({ method: 'POST', url: '/admin/v1/realms/import?slug=copy', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, payload: document });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().users.created, MANY_ROWS, JSON.stringify(response.json().users.failures.slice(0, 2)));
      assert.equal(await analysesOf(db, 'users'), users + 1);
      assert.equal(await analysesOf(db, 'user_tags'), tags, 'the held table is skipped, not waited for');
    } finally {
      await other.query('rollback');
      await other.end();
    }
    assert.equal((await admin('GET', '/admin/v1/realms/copy')).statusCode, 200);
  });
});

describe('a statistics refresh that fails', () => {
  it('is logged, and the import it follows stands', async () => {
    const { database, dispose } = await createTestDatabase('postgres');
    try {
      const log = capturedLogger();
      const writer = createBulkUserWriter({ db: database.db, clock: systemClock, events: {} as never, logger: log.logger });
      // ANALYZE of a table that is not there fails.
      await sql`alter table user_tags rename to user_tags_elsewhere`.execute(database.db);
      await writer.loaded(MANY_ROWS);
      await new Promise((resolve) => setImmediate(resolve));
      const line = log.lines.find((entry) => entry.msg === 'the planner statistics could not be refreshed after an import; autovacuum will');
      assert.ok(line, log.raw());
      assert.equal(line.level, 40);
    } finally {
      await dispose();
    }
  });
});
