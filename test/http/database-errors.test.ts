import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../src/errors.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';
import { buildApp, type RouteTree } from '../../src/http/app.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { isDatabaseUnavailable, isUnstorableText, isVanishedReference } from '../../src/storage/database-errors.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { createTestDatabase, POSTGRES_URL } from '../support/databases.ts';

/** The API's app with only `routes`: what they throw goes through the real error handling. */
const appWith = (logger: Logger | false, routes: RouteTree) =>
  buildApp({ logger, bodyLimit: 1024, trustProxy: false, metrics: createMetrics(() => ({ total: 1, idle: 1, waiting: 0 }), () => 0), version: 'test', routes: [routes] });

describe('database failures seen by clients', () => {
  it('tells an unavailable database from other errors', () => {
    for (const error of [{ errcode: 5 }, { errcode: 517 }, { errcode: 6 }, { code: '57P01' }, { code: '53300' }, { code: 'ECONNREFUSED' }]) {
      assert.equal(isDatabaseUnavailable(error), true, JSON.stringify(error));
    }
    assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true, "pg-pool's wait for a connection");
    for (const error of [{ errcode: 19 }, { code: '23505' }, { code: '22P05' }, new Error('boom'), undefined, null]) {
      assert.equal(isDatabaseUnavailable(error), false, JSON.stringify(error));
    }
    assert.equal(isUnstorableText({ code: '22P05' }), true);
    assert.equal(isUnstorableText({ code: '57P01' }), false);
    assert.equal(isVanishedReference({ code: '23503' }), true);
    assert.equal(isVanishedReference({ errcode: 787 }), true);
    assert.equal(isVanishedReference({ code: '23505' }), false);
    assert.equal(isVanishedReference({ errcode: 19 }), false);
  });

  it('takes PostgreSQL\u2019s refusal of an unpaired surrogate in jsonb for unstorable text, not of a bad number', async () => {
    const t = await createTestDatabase('postgres');
    try {
      const refusal = (query: ReturnType<typeof sql>) => query.execute(t.database.db).then(() => assert.fail('PostgreSQL took it'), (error: unknown) => error);
      const surrogate = await refusal(sql`select ${'{"name":"\\ud800"}'}::jsonb`);
      assert.deepEqual([(surrogate as { code: string }).code, isUnstorableText(surrogate)], ['22P02', true]);
      const number = await refusal(sql`select ${'twelve'}::integer`);
      assert.deepEqual([(number as { code: string }).code, isUnstorableText(number)], ['22P02', false]);
    } finally {
      await t.dispose();
    }
  });

  it('gives up waiting for a PostgreSQL connection after the pool wait, as the database being unavailable', async () => {
    const database = openDatabase({ url: POSTGRES_URL, poolSize: 1, poolWaitMs: 150 });
    try {
      // The pool's one connection is held (as by a hung statement) while another query asks for one.
      const waited = await database.db.connection().execute(async () => {
        const started = performance.now();
        const error = await sql`select 1`.execute(database.db).then(() => assert.fail('it got a connection'), (caught: unknown) => caught);
        return { error, ms: performance.now() - started };
      });
      assert.equal(isDatabaseUnavailable(waited.error), true, String(waited.error));
      assert.ok(waited.ms >= 140 && waited.ms < 5000, `waited ${waited.ms} ms`);
      // Once the connection is back, queries go on.
      assert.deepEqual((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows, [{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it('answers 503 service.unavailable with Retry-After for a busy database, 500 for a fault', async () => {
    const app = await appWith(false, async (routes) => {
      routes.get('/busy', async () => {
        throw Object.assign(new Error('database is locked'), { errcode: 5 });
      });
      routes.get('/vanished', async () => {
        throw Object.assign(new Error('insert violates foreign key constraint'), { code: '23503' });
      });
      routes.get('/library-status', async () => {
        throw Object.assign(new Error('upstream said unauthorized'), { statusCode: 401 });
      });
      routes.get('/own-json', async () => JSON.parse('{corrupted'));
      routes.get('/fault', async () => {
        throw new Error('a bug');
      });
    });
    const busy = await app.inject({ method: 'GET', url: '/busy' });
    assert.equal(busy.statusCode, 503);
    assert.equal(busy.json().error.code, 'service.unavailable');
    assert.equal(busy.headers['retry-after'], '1');
    const vanished = await app.inject({ method: 'GET', url: '/vanished' });
    assert.equal(vanished.statusCode, 409);
    assert.equal(vanished.json().error.code, 'request.conflict');
    assert.doesNotMatch(vanished.body, /foreign key/);
    // A status on an error of ours (a library's, a SyntaxError from our own data) is a fault, not the client's.
    for (const url of ['/library-status', '/own-json']) {
      const answer = await app.inject({ method: 'GET', url });
      assert.equal(answer.statusCode, 500, url);
      assert.equal(answer.json().error.code, 'internal', url);
    }
    const fault = await app.inject({ method: 'GET', url: '/fault' });
    assert.equal(fault.statusCode, 500);
    assert.doesNotMatch(fault.body, /a bug/);
    await app.close();
  });

  it('logs what made a service unavailable (never to the client), and nothing for a client refusal', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    const app = await appWith(createLogger({ level: 'info', destination }), async (routes) => {
      routes.get('/redis-down', async () => {
        // ioredis attaches the command that failed: for AUTH, the password, which no log may keep.
        const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', command: { name: 'auth', args: ['s3cret-redis-password'] } });
        throw new AppError('service.unavailable', 'Rate limiting is briefly unavailable; try again shortly.', { retryAfterSeconds: 5, cause });
      });
      routes.get('/busy', async () => {
        throw Object.assign(new Error('database is locked'), { errcode: 5 });
      });
      routes.get('/refused', async () => {
        throw new AppError('request.validation_failed', 'no');
      });
    });
    const down = await app.inject({ method: 'GET', url: '/redis-down' });
    assert.deepEqual([down.statusCode, down.json().error.code, down.headers['retry-after']], [503, 'service.unavailable', '5']);
    assert.doesNotMatch(down.body, /ECONNREFUSED/);
    assert.equal((await app.inject({ method: 'GET', url: '/busy' })).statusCode, 503);
    assert.equal((await app.inject({ method: 'GET', url: '/refused' })).statusCode, 400);
    await app.close();
    const warnings = lines.filter((line) => line.level === 40);
    assert.ok(!JSON.stringify(lines).includes('s3cret-redis-password'));
    assert.deepEqual(warnings[0]?.fault, { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:6379', code: 'ECONNREFUSED' });
    assert.deepEqual(
      warnings.map((line) => [(line.fault as { message: string }).message, line.code]),
      [['connect ECONNREFUSED 127.0.0.1:6379', 'service.unavailable'], ['database is locked', 'service.unavailable']],
    );
  });
});
