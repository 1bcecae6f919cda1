import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { basic, startOidcServer, type OidcTestServer } from './oidc-fixtures.ts';

/** A realm provider's failures reach the server's log with the request's id, and nothing else writes to standard error. */
for (const dialect of dialects) {
  describe(`OpenID Connect provider failures in the log (${dialect})`, () => {
    const lines: Record<string, unknown>[] = [];
    const capture = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    let server: OidcTestServer;
    let realm: Realm;
    let issuer: string;
    let stderr = '';
    const writeStderr = process.stderr.write;

    before(async () => {
      server = await startOidcServer(dialect, {}, '127.0.0.1', pino({ level: 'debug' }, capture));
      realm = await server.services.realms.create({ name: 'Errors', slug: 'errors' }, operator);
      issuer = `${server.baseUrl}/realms/${realm.id}`;
      // Koa's own handler writes failures to standard error with console.error: none may get there.
      process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        stderr += String(chunk);
        return (writeStderr as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
      }) as typeof process.stderr.write;
    });
    after(async () => {
      process.stderr.write = writeStderr;
      await server.dispose();
    });

    /** What reached standard error besides oidc-provider's one-time notices (its upstream-parsed-body warning is expected: src/oidc/provider-middleware.ts). */
    const strayStderr = () => stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('oidc-provider WARNING:'));

    const until = async (found: () => boolean) => {
      for (let i = 0; i < 200 && !found(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    it('logs a token request that ends before its body at debug, and writes nothing to standard error', async () => {
      const { port } = new URL(server.baseUrl);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(`POST /realms/${realm.id}/oidc/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=client`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.end();
      await until(() => lines.some((line) => line.msg === 'an OpenID Connect request ended before its answer'));

      const ended = lines.find((line) => line.msg === 'an OpenID Connect request ended before its answer');
      assert.ok(ended, 'the debug line');
      assert.equal(ended.level, 20);
      assert.equal(ended.realm_id, realm.id);
      assert.match(String(ended.request_id), /^[0-9a-f-]{36}$/);
      assert.equal(lines.filter((line) => Number(line.level) >= 50).length, 0, 'no error line');
      assert.deepEqual(strayStderr(), []);
    });

    it('logs what the provider answers with a 500 at error level, with the request id', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const token = await fetch(`${issuer}/oidc/token`, { method: 'POST', headers: { authorization: basic(app.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      // Introspection reads the provider's records: without their table, the provider fails inside.
      await server.database.db.schema.alterTable('oidc_models').renameTo('oidc_models_away').execute();
      try {
        const response = await fetch(`${issuer}/oidc/token/introspection`, { method: 'POST', headers: { authorization: basic(app.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: accessToken }).toString() });
        assert.equal(response.status, 500);
        assert.equal(((await response.json()) as { error: string }).error, 'server_error');
        await until(() => lines.some((line) => line.msg === 'the OpenID Connect provider failed to answer a request'));
        const failed = lines.find((line) => line.msg === 'the OpenID Connect provider failed to answer a request');
        assert.ok(failed, 'the error line');
        assert.equal(failed.level, 50);
        assert.equal(failed.realm_id, realm.id);
        assert.equal(failed.request_id, response.headers.get('x-request-id'));
        assert.match(String((failed.err as { message: string }).message), /oidc_models/);
        assert.deepEqual(strayStderr(), []);
      } finally {
        await server.database.db.schema.alterTable('oidc_models_away').renameTo('oidc_models').execute();
      }
    });
  });
}
