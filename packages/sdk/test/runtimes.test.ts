/**
 * The SDK beyond the Node that runs the tests: its build, as published, under Deno, Bun (both
 * brought by the project's dev dependencies) and the machine's Node 20, the oldest Node the package
 * supports. Each runs runtime-check.mjs against a live server: an operator's paginated list and a
 * user's creation, a wrong password and a sign-in, the token verified with the realm's keys and
 * online, refused after the sign-out and when forged.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../../test/support/server.ts';
import { operator } from '../../../test/support/fixtures.ts';
import { oidcServerPerSuite } from '../../../test/oidc/oidc-fixtures.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const check = fileURLToPath(new URL('runtime-check.mjs', import.meta.url));
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => existsSync(candidate));

/** Each runtime's command line for the check; Deno resolves the SDK's dependencies from node_modules as Node does. */
const RUNTIMES: { name: string; command: string; args: string[] }[] = [
  { name: 'Deno', command: join(root, 'node_modules/.bin/deno'), args: ['run', '--node-modules-dir=manual', '--allow-net', '--allow-env', '--allow-read', check] },
  { name: 'Bun', command: join(root, 'node_modules/.bin/bun'), args: ['run', check] },
  { name: 'Node 20', command: systemNode ?? 'node', args: [check] },
];

describe('the SDK under Deno, Bun and Node 20', () => {
  const server = oidcServerPerSuite('sqlite');
  before(async () => {
    await server.services.realms.create({ name: 'Runtimes', slug: 'runtimes' } as never, operator);
  });

  for (const runtime of RUNTIMES) {
    it(`signs in, verifies and refuses tokens under ${runtime.name}`, async () => {
      const username = `user-${runtime.name.replace(/\W/g, '').toLowerCase()}`;
      const { stdout: version } = await promisify(execFile)(runtime.command, ['--version'], { encoding: 'utf8' });
      if (runtime.name === 'Node 20') assert.match(version, /^v20\./, 'the machine ships Node 20');
      const { stdout } = await promisify(execFile)(runtime.command, runtime.args, {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NO_COLOR: '1',
          DENO_NO_UPDATE_CHECK: '1',
          KEYREALM_URL: server.baseUrl,
          KEYREALM_REALM: 'runtimes',
          KEYREALM_USERNAME: username,
          KEYREALM_PASSWORD: 'correct horse battery staple 9',
          KEYREALM_ADMIN_EMAIL: ADMIN_EMAIL,
          KEYREALM_ADMIN_PASSWORD: ADMIN_PASSWORD,
        },
      });
      assert.deepEqual(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''), {
        wrongPassword: 'auth.invalid_credentials',
        subjectIsUser: true,
        username,
        afterSignOut: 'auth.invalid_token',
        forged: 'auth.invalid_token',
      }, `on ${runtime.name} ${version.trim()}`);
    });
  }
});
