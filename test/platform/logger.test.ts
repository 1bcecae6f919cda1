import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { loggedUrl } from '../../src/http/request-log.ts';
import { operator } from '../support/fixtures.ts';
import { createLogger, writeLine } from '../../src/platform/logger.ts';
import { formatLogLine } from '../../src/platform/pretty-log.ts';
import { dialects } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';

/** A logger writing JSON lines into memory. */
function capturingLogger(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => lines.join('\n') };
}

describe('logger', () => {
  it('stamps each line with its ISO time, formatted anew when the millisecond changes', async () => {
    const { logger, lines } = capturingLogger();
    logger.info('one');
    logger.info('two');
    await new Promise((resolve) => setTimeout(resolve, 5));
    logger.info('three');
    const times = lines.map((line) => JSON.parse(line).time as string);
    for (const time of times) assert.match(time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Date.parse(times[2]) > Date.parse(times[0]), 'a later millisecond, a later time');
    assert.ok(Math.abs(Date.parse(times[2]) - Date.now()) < 1000);
  });

  it('redacts secrets wherever they appear in a log object', () => {
    const { logger, lines } = capturingLogger();
    logger.info(
      {
        password: 'p-top',
        body: { refresh_token: 'r-nested', new_password: 'p-nested' },
        deep: { inner: { access_token: 'a-deep', secret: 's-deep' } },
        req: { method: 'GET', url: '/x', headers: { authorization: 'Bearer h', cookie: 'c=1' } },
      },
      'something happened',
    );
    const line = lines.join('\n');
    for (const secret of ['p-top', 'r-nested', 'p-nested', 'a-deep', 's-deep', 'Bearer h', 'c=1']) assert.ok(!line.includes(secret), secret);
    assert.match(line, /\[redacted\]/);
  });

  it('redacts secrets in errors and arrays too, keeps errors errors, and never changes the caller’s objects', () => {
    const { logger, lines } = capturingLogger();
    const error = Object.assign(new TypeError('broke'), { token: 'e-token', details: { password: 'a-pass', field: 'x' } });
    const body = { client_secret: 'c-secret', keep: 'visible' };
    logger.error({ err: error, body, items: [{ refresh_token: 'r-item' }] }, 'failed');
    const entry = JSON.parse(lines[0]);
    assert.equal(entry.err.type, 'TypeError');
    assert.equal(entry.err.message, 'broke');
    assert.match(entry.err.stack, /TypeError: broke/);
    assert.equal(entry.err.token, '[redacted]');
    assert.deepEqual(entry.err.details, { password: '[redacted]', field: 'x' });
    assert.deepEqual(entry.items, [{ refresh_token: '[redacted]' }]);
    assert.deepEqual(entry.body, { client_secret: '[redacted]', keep: 'visible' });
    assert.equal(error.token, 'e-token', 'the error itself is untouched');
    assert.equal(body.client_secret, 'c-secret');
    logger.info({ a: { b: { c: { token: 'four-deep' } } } }, 'deep');
    assert.match(lines[1], /four-deep/, 'three levels are looked into, as documented; deeper is not');
    logger.child({ request_id: 'r-2' }).info({ res: { headers: { 'set-cookie': 'kr_csrf=s' } } }, 'child');
    assert.ok(!lines[2].includes('kr_csrf=s'), lines[2]);
    assert.match(lines[2], /"request_id":"r-2"/);
  });

  it('logs a request by its path, without the query string', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ req: { method: 'GET', url: '/realms/a/verify?token=one-time-secret', ip: '10.0.0.1' } }, 'incoming request');
    const entry = JSON.parse(lines[0]);
    assert.deepEqual(entry.req, { method: 'GET', path: '/realms/a/verify', remote_address: '10.0.0.1' });
  });

  it('writes a line of fields already in JSON exactly as pino writes the same fields', () => {
    const { logger, lines } = capturingLogger('debug');
    const child = logger.child({ request_id: 'child-1' });
    const fields = { request_id: 'r-"1"', method: 'GET', url: '/a\\b?x=…&y=\u0001é😀\u2028', status: 404, ms: 0.5 };
    const members = JSON.stringify(fields).slice(1, -1);
    // The time is formatted once per millisecond: the two lines of a pair may fall either side of a change.
    const withoutTime = (line: string) => line.replace(/,"time":"[^"]+"/, '');
    for (const [target, level] of [[logger, 'info'], [logger, 'debug'], [child, 'info']] as const) {
      target[level](fields, 'request');
      writeLine(target, level, members, 'request');
      const [general, direct] = lines.splice(0, 2);
      assert.equal(withoutTime(direct), withoutTime(general));
      assert.match(direct, /"time":"\d{4}-\d\d-\d\dT/);
      assert.equal(JSON.parse(direct).url, fields.url);
    }
    const quiet = capturingLogger('info');
    writeLine(quiet.logger, 'debug', members, 'request');
    assert.deepEqual(quiet.lines, [], 'a level not enabled writes nothing');
  });

  it('gives the fields as an object to a logger that is not pino’s', () => {
    const seen: unknown[] = [];
    const logger = { info: (object: object, message: string) => seen.push(object, message), debug: () => assert.fail('not this level') };
    writeLine(logger as never, 'info', '"status":200,"url":"/x"', 'request');
    assert.deepEqual(seen, [{ status: 200, url: '/x' }, 'request']);
  });
});

describe('readable logs', () => {
  it('print time, level, message and the other fields; a request as method, URL, status and time', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', format: 'pretty', destination });
    logger.warn({ port: 8080, password: 'p-secret' }, 'something to see');
    logger.info({ request_id: 'r-1', method: 'GET', url: '/x', status: 404, ms: 1.5 }, 'request');
    logger.error({ err: new Error('broke') }, 'failed');
    const text = lines.join('');
    assert.match(text, /^\d\d:\d\d:\d\d\.\d{3} WARN  something to see port=8080 password=\[redacted\]\n/);
    assert.match(text, /INFO  GET \/x 404 1\.5ms request_id=r-1\n/);
    assert.match(text, /ERROR failed\n {4}Error: broke\n {8}at /);
    assert.ok(!text.includes('p-secret'));
    assert.ok(!text.includes('\x1b['), 'no colours when the destination is not a terminal');
  });

  it('colour the level and the status for a terminal, and pass other text through', () => {
    const line = formatLogLine(JSON.stringify({ level: 50, time: '2026-01-01T10:00:00.000Z', msg: 'request', method: 'GET', url: '/y', status: 500, ms: 2 }), true);
    assert.equal(line, '\x1b[90m10:00:00.000\x1b[0m \x1b[31mERROR\x1b[0m GET /y \x1b[31m500\x1b[0m 2ms\n');
    assert.equal(formatLogLine('not json', true), 'not json');
  });

  it('log a URL with its query values hidden unless harmless', () => {
    assert.equal(loggedUrl('/realms/a/verify?token=secret&limit=5'), '/realms/a/verify?token=…&limit=5');
    assert.equal(loggedUrl('/health'), '/health');
    assert.equal(loggedUrl('/x?'), '/x');
  });
});

for (const dialect of dialects) {
  describe(`request logs on ${dialect}`, () => {
    let server: TestServer;
    const capture = capturingLogger('trace');
    before(async () => (server = await startTestServer({ dialect, logger: capture.logger })));
    after(() => server.dispose());

    it('never contain the password of a login or the tokens it returns', async () => {
      const tokens = await server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD);
      const refreshed = await server.app.inject({
        method: 'POST',
        url: '/realms/admin/auth/refresh?refresh_token=' + tokens.refresh_token,
        payload: { refresh_token: tokens.refresh_token },
      });
      assert.equal(refreshed.statusCode, 200);
      const validated = await server.app.inject({
        method: 'GET',
        url: '/realms/admin/auth/validate',
        headers: { authorization: `Bearer ${refreshed.json().access_token}`, cookie: 'session=cookie-secret' },
      });
      assert.equal(validated.statusCode, 200);
      const failed = await server.app.inject({ method: 'POST', url: '/realms/admin/auth/login', payload: { identifier: ADMIN_EMAIL, password: 'wrong-password-9' } });
      assert.equal(failed.statusCode, 401);

      const logged = capture.text();
      assert.ok(capture.lines.length > 4, 'requests were logged');
      assert.match(logged, /"url":"\/realms\/admin\/auth\/refresh\?refresh_token=…"/, 'one line per request, the query value hidden');
      const secrets = [
        ADMIN_PASSWORD,
        'wrong-password-9',
        'cookie-secret',
        server.adminToken,
        tokens.access_token,
        tokens.refresh_token!,
        refreshed.json().access_token,
        refreshed.json().refresh_token,
      ];
      for (const secret of secrets) assert.ok(!logged.includes(secret), `a secret appeared in the log: ${secret.slice(0, 12)}…`);
    });

    it('tag every line a request writes with its id, once: its own lines and its completion line', async () => {
      const refused = await server.app.inject({ method: 'POST', url: '/realms/admin/auth/login', headers: { 'content-type': 'application/json', 'x-request-id': `tagged-${dialect}` }, payload: '{"identifier": ' });
      assert.equal(refused.statusCode, 400);
      const tagged = capture.lines.filter((text) => text.includes(`tagged-${dialect}`));
      assert.deepEqual(tagged.map((text) => JSON.parse(text).msg), ['request refused', 'request'], 'the error handler’s line, then the completion line');
      for (const text of tagged) assert.equal(text.split('"request_id"').length - 1, 1, text);
    });

    it('names the whole path of a request handed on to a realm’s OpenID Connect provider', async () => {
      const realm = await server.services.realms.create({ name: 'Logged' }, operator);
      const discovery = await server.app.inject({ method: 'GET', url: `/realms/${realm.id}/.well-known/openid-configuration` });
      assert.equal(discovery.statusCode, 200);
      const line = capture.lines.map((text) => JSON.parse(text) as { url?: string }).findLast((entry) => entry.url?.includes('openid-configuration'));
      assert.equal(line?.url, `/realms/${realm.id}/.well-known/openid-configuration`);
    });
  });
}
