import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeClock } from '../../src/platform/clock.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { cleanEnv } from '../support/server-process.ts';

/**
 * The `keyrealm` command driven as an operator would: spawned, with its own config directory,
 * against a listening server — what it prints (tables for people, JSON for scripts), what it
 * stores, and the exit codes scripts rely on (docs/cli.md).
 */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('the keyrealm command', { timeout: 120_000 }, () => {
  let server: TestServer;
  let url: string;
  let home: string;
  let realmId: string;

  /** Runs `keyrealm …args` with the test's config directory; `input` goes to its stdin. */
  function keyrealm(args: string[], options: { input?: string; env?: Record<string, string>; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/operator-cli/main.ts', ...args], {
      timeout: 30_000,
      env: { ...cleanEnv(), XDG_CONFIG_HOME: home, KEYREALM_SERVER: url, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(options.input ?? '');
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  }
  const ok = async (args: string[], options?: Parameters<typeof keyrealm>[1]) => {
    const run = await keyrealm(args, options);
    assert.equal(run.code, 0, `keyrealm ${args.join(' ')}: ${run.stderr}`);
    return run;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a command's JSON, read field by field
  const json = async (args: string[]): Promise<Record<string, any>> => JSON.parse((await ok(['--json', ...args])).stdout);

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', clock: new FakeClock(Date.now()), config: { webhooksAllowLoopback: true } });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    home = mkdtempSync(join(tmpdir(), 'keyrealm-cli-'));
  });
  after(async () => {
    await server.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('signs in with the password on stdin and keeps the tokens readable by the operator alone', async () => {
    // A configuration directory left open to everyone, and an older credentials file readable by all (found by review).
    mkdirSync(join(home, 'keyrealm'), { recursive: true });
    chmodSync(join(home, 'keyrealm'), 0o777);
    writeFileSync(join(home, 'keyrealm', 'credentials.json'), '{}', { mode: 0o644 });
    const wrong = await keyrealm(['login', '--identifier', ADMIN_EMAIL, '--password-stdin'], { input: 'not the password\n' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^keyrealm: auth\.invalid_credentials: /);
    const signedIn = await ok(['login', '--identifier', ADMIN_EMAIL, '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` });
    assert.match(signedIn.stdout, /^Signed in to http:\/\/127\.0\.0\.1:\d+; credentials saved in .*credentials\.json\.\n$/);
    const path = join(home, 'keyrealm', 'credentials.json');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(home, 'keyrealm')).mode & 0o777, 0o700);
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(stored.server, url);
    assert.ok(stored.access_token && stored.refresh_token);
  });

  it('creates, lists, reads, changes and deletes realms, as tables and as JSON', async () => {
    const created = await json(['realms', 'create', 'Shop', '--slug', 'shop', '--set', 'tokens.access_token_minutes=30']);
    realmId = created.id;
    assert.equal((created.tokens as { access_token_minutes: number }).access_token_minutes, 30);
    const table = (await ok(['realms', 'list', '--q', 'sho'])).stdout.split('\n');
    assert.match(table[0], /^ID\s+SLUG\s+NAME\s+STATE\s+CREATED_AT$/);
    assert.match(table[1], new RegExp(`^${realmId}\\s+shop\\s+Shop\\s+active\\s+`));
    const lines = (await ok(['--json', 'realms', 'list'])).stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((realm) => realm.slug).sort(), ['admin', 'shop']);
    assert.match((await ok(['realms', 'get', 'shop'])).stdout, new RegExp(`^id\\s+${realmId}$`, 'm'));
    assert.equal(((await json(['realms', 'update', 'shop', '--set', 'name=Shop 2'])) as { name: string }).name, 'Shop 2');
    const doomed = await json(['realms', 'create', 'Doomed']);
    const unconfirmed = await keyrealm(['realms', 'delete', doomed.id]);
    assert.equal(unconfirmed.code, 2, 'a delete without --yes and without a terminal is not done');
    assert.match(unconfirmed.stderr, /add --yes/);
    await ok(['realms', 'delete', doomed.id, '--yes']);
    const gone = await keyrealm(['realms', 'get', doomed.id]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /^keyrealm: realm\.not_found: /);
  });

  it('creates, finds, locks and unlocks users, and imports a file with a progress report of refused rows', async () => {
    const user = await json(['users', 'create', 'shop', '--set', 'email=ada@example.com', '--set', 'password=a long enough password']);
    assert.match((await ok(['users', 'list', 'shop', '--prefix', 'ada'])).stdout, new RegExp(`${user.id}\\s+ada@example\\.com`));
    assert.equal(((await json(['users', 'lock', 'shop', user.id, '--reason', 'fraud check', '--yes'])) as { locked: boolean }).locked, true);
    assert.equal(((await json(['users', 'unlock', 'shop', user.id])) as { locked: boolean }).locked, false);

    const file = join(home, 'users.jsonl');
    const rows = Array.from({ length: 700 }, (_, i) => JSON.stringify({ email: `imported${i}@example.com` }));
    rows[3] = JSON.stringify({ email: 'ada@example.com' }); // taken
    writeFileSync(file, `${rows.join('\n')}\n`);
    const imported = await keyrealm(['users', 'import', 'shop', file]);
    assert.equal(imported.code, 5, 'some rows were refused');
    assert.match(imported.stdout, /^Created 699 of 700 users\.\nROW\s+CODE\s+MESSAGE\n4\s+user\.email_taken\s+/);
    const csv = (await ok(['users', 'export', 'shop', '--format', 'csv', '--fields', 'email,locked'])).stdout.split('\r\n');
    assert.equal(csv[0], 'email,locked');
    assert.equal(csv.filter((line) => line.endsWith('@example.com,false')).length, 700);
    const exportFile = join(home, 'users-export.jsonl');
    await ok(['users', 'export', 'shop', '--output', exportFile]);
    assert.equal(readFileSync(exportFile, 'utf8').trim().split('\n').length, 700);
    const report = await keyrealm(['--json', 'users', 'import', 'shop', file]);
    assert.deepEqual([JSON.parse(report.stdout).created, JSON.parse(report.stdout).failed], [0, 700]);

    const csvFile = join(home, 'users.csv');
    writeFileSync(csvFile, 'Mail,Given\r\ncsv-one@example.com,Ann\r\ncsv-two@example.com,Bo\r\n');
    const dry = await keyrealm(['users', 'import', 'shop', csvFile, '--from', 'csv', '--columns', 'email=Mail,first_name=Given', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout, 'Would create 2 of 2 users.\n');
    await ok(['users', 'import', 'shop', csvFile, '--from', 'csv', '--columns', 'email=Mail,first_name=Given']);
    assert.match((await ok(['users', 'list', 'shop', '--prefix', 'csv-one'])).stdout, /csv-one@example\.com/);
    const badMapping = await keyrealm(['users', 'import', 'shop', csvFile, '--from', 'csv', '--columns', 'email=Nope']);
    assert.equal(badMapping.code, 1);
    assert.match(badMapping.stderr, /import\.invalid_options/);
    assert.equal((await keyrealm(['users', 'import', 'shop', csvFile, '--from', 'ldap'])).code, 2);

    // Firebase's hash parameters hold a secret key: taken from the environment, never as an option.
    const firebaseFile = join(home, 'firebase.json');
    writeFileSync(firebaseFile, '{"users":[]}');
    const badHash = await keyrealm(['users', 'import', 'shop', firebaseFile, '--from', 'firebase'], { env: { KEYREALM_FIREBASE_HASH: 'rounds=8' } });
    assert.equal(badHash.code, 1);
    assert.match(badHash.stderr, /import\.invalid_options/);
    assert.equal((await keyrealm(['users', 'import', 'shop', firebaseFile, '--from', 'firebase', '--firebase-hash', 'signer_key=x'])).code, 2);
    assert.equal((await ok(['users', 'import', 'shop', firebaseFile, '--from', 'firebase'])).stdout, 'Created 0 of 0 users.\n');
  });

  it('exports a realm to a private file and imports it again, with its secrets under a passphrase', async () => {
    const file = join(home, 'shop.json');
    writeFileSync(file, 'an older file, readable by all', { mode: 0o644 });
    // Found by review: whoever had the older file open read the export through it once it was rewritten.
    const older = openSync(file, 'r');
    const olderInode = statSync(file).ino;
    const env = { KEYREALM_EXPORT_PASSPHRASE: 'a passphrase for the cli test' };
    await ok(['realms', 'export', 'shop', '--output', file, '--with-secrets'], { env });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.notEqual(statSync(file).ino, olderInode, 'a new file, not the older one rewritten');
    assert.equal(readFileSync(older, 'utf8'), 'an older file, readable by all');
    closeSync(older);
    const document = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(document.format, 'keyrealm.realm/1');
    assert.ok(document.signing_keys.length >= 1);
    const dry = await keyrealm(['realms', 'import', file, '--keep-ids', '--dry-run', '--with-secrets'], { env });
    assert.equal(dry.code, 1, 'conflicts: the realm is still here');
    assert.match(dry.stdout, /^Would create realm shop .*\nconflict: realm id .* is taken\n/);
    const copy = JSON.parse((await ok(['--json', 'realms', 'import', file, '--slug', 'shop-copy', '--with-secrets'], { env })).stdout);
    assert.deepEqual([copy.realm.slug, copy.users.created], ['shop-copy', document.users.length]);
    const unasked = await keyrealm(['realms', 'import', file, '--slug', 'shop-unasked', '--with-secrets']);
    assert.equal(unasked.code, 2);
    assert.match(unasked.stderr, /set KEYREALM_EXPORT_PASSPHRASE/);
    const wrong = await keyrealm(['realms', 'import', file, '--slug', 'shop-wrong', '--with-secrets'], { env: { KEYREALM_EXPORT_PASSPHRASE: 'not the passphrase at all' } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /import\.wrong_passphrase/);
  });

  it('replaces a symlink planted at an export\'s path instead of writing through it, and leaves no temporary file when an export fails', async () => {
    const target = join(home, 'not-an-export.txt');
    writeFileSync(target, 'not to be overwritten');
    const planted = join(home, 'planted.jsonl');
    symlinkSync(target, planted);
    await ok(['users', 'export', 'shop', '--output', planted]);
    assert.ok(lstatSync(planted).isFile(), 'the link is replaced by the export');
    assert.equal(readFileSync(target, 'utf8'), 'not to be overwritten');
    assert.equal(statSync(planted).mode & 0o777, 0o600);

    // The export is written in full, then cannot be renamed over a directory.
    const directory = join(home, 'a-directory');
    mkdirSync(directory);
    const failed = await keyrealm(['users', 'export', 'shop', '--output', directory]);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^keyrealm: .*EISDIR/);
    assert.deepEqual(readdirSync(home).filter((name) => name.endsWith('.tmp')), []);
    // A file that cannot even be created: the command ends (it once waited on the unread answer).
    const nowhere = await keyrealm(['users', 'export', 'shop', '--output', join(home, 'missing', 'users.jsonl')]);
    assert.equal(nowhere.code, 1);
    assert.match(nowhere.stderr, /^keyrealm: ENOENT/);
  });

  it('prints the server\'s error messages with control characters escaped', async () => {
    // The server's message echoes the realm asked for: its escape sequences would recolour the terminal.
    const run = await keyrealm(['realms', 'get', 'nowhere\u001b[31m']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'keyrealm: realm.not_found: No realm nowhere\\u{1b}[31m.\n');
  });

  it('tails the live event log until interrupted', async () => {
    let seen = false;
    const tail = keyrealm(['events', 'tail', 'shop', '--type', 'user.created'], {
      onStdout: (text, child) => {
        if (!seen && text.includes('user.created')) {
          seen = true;
          child.kill('SIGINT');
        }
      },
    });
    // The tail starts from the moment its stream opens, which this side cannot see: users are
    // created until one shows (the log settles for 2 s of the server's clock before it streams).
    const ids: string[] = [];
    for (let i = 0; !seen && i < 30; i++) {
      const response = await server.app.inject({ method: 'POST', url: `/admin/v1/realms/shop/users`, headers: server.adminHeaders, payload: { email: `tail${i}@example.com` } });
      assert.equal(response.statusCode, 201, response.body);
      ids.push(response.json().id);
      server.clock.advance(3_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const run = await tail;
    assert.equal(run.code, 130);
    const shown = /user\.created \(1301\)\s+by operator \S+\s+user (\S+)/.exec(run.stdout);
    assert.ok(shown && ids.includes(shown[1]), run.stdout);
  });

  it('manages webhooks and rotates signing keys', async () => {
    const hook = await json(['webhooks', 'create', 'shop', 'http://127.0.0.1:9/hooks', '--events', 'user.*,role.created']);
    assert.match(String(hook.secret), /^whsec_/);
    assert.deepEqual(hook.event_types, ['user.*', 'role.created']);
    assert.match((await ok(['webhooks', 'list', 'shop'])).stdout, new RegExp(`${hook.id}\\s+http://127\\.0\\.0\\.1:9/hooks`));
    const test = await json(['webhooks', 'test', 'shop', hook.id]);
    assert.equal(test.event_type, 'webhook.test');
    assert.match((await ok(['webhooks', 'deliveries', 'shop', hook.id])).stdout, /webhook\.test/);
    assert.equal(((await json(['webhooks', 'update', 'shop', hook.id, '--set', 'enabled=false'])) as { enabled: boolean }).enabled, false);
    await ok(['webhooks', 'delete', 'shop', hook.id, '--yes']);
    const keys = (await json(['keys', 'rotate', 'shop', '--yes'])) as unknown as { items: { kid: string; state: string }[] };
    assert.deepEqual(keys.items.map((key) => key.state).sort(), ['active', 'retired']);
    const retired = keys.items.find((key) => key.state === 'retired')?.kid ?? '';
    assert.match((await ok(['keys', 'list', 'shop'])).stdout, new RegExp(`${retired}\\s+\\S+\\s+retired`));
    assert.match((await ok(['keys', 'revoke', 'shop', retired, '--yes'])).stdout, new RegExp(`^Revoked key ${retired} of realm shop\\.`));
    assert.deepEqual(((await json(['keys', 'list', 'shop'])) as unknown as { items: { state: string }[] }).items.map((key) => key.state), ['active']);
  });

  it('renews an expired stored sign-in with its refresh token, and keeps the new tokens', async () => {
    const path = join(home, 'keyrealm', 'credentials.json');
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...stored, access_token: 'expired.or.forged' }), { mode: 0o600 });
    await ok(['realms', 'get', 'shop']);
    const renewed = JSON.parse(readFileSync(path, 'utf8'));
    assert.notEqual(renewed.access_token, 'expired.or.forged');
    assert.notEqual(renewed.refresh_token, stored.refresh_token);
  });

  it('runs as `npx keyrealm` from the checkout (the package.json bin, built by the install)', async () => {
    const child = spawn('npx', ['--no-install', 'keyrealm', '--help'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 0);
    assert.match(stdout, /^Usage: keyrealm \[options\] \[command\]/);
  });

  it('answers with exit codes scripts can rely on', async () => {
    const help = await ok(['users', '--help']);
    assert.match(help.stdout, /Usage: keyrealm users \[options\] \[command\]/);
    const usage = await keyrealm(['realms', 'list', '--limit', 'many']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /expected a whole number/);
    assert.equal((await keyrealm(['frobnicate'])).code, 2);
    const anonymous = await keyrealm(['realms', 'list'], { env: { XDG_CONFIG_HOME: join(home, 'nobody') } });
    assert.equal(anonymous.code, 3);
    assert.match(anonymous.stderr, /not signed in/);
    const forged = await keyrealm(['realms', 'list', '--token', 'forged']);
    assert.equal(forged.code, 3);
    const unreachable = await keyrealm(['realms', 'list', '--server', 'http://127.0.0.1:9', '--token', 'x']);
    assert.equal(unreachable.code, 4);
    assert.match(unreachable.stderr, /cannot reach the server/);
    // Plain http to another machine would send the password and tokens in clear: refused before any request.
    const clear = await keyrealm(['login', '--server', 'http://id.example.com', '--identifier', ADMIN_EMAIL, '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` });
    assert.equal(clear.code, 2);
    assert.match(clear.stderr, /plain http on another machine/);
    assert.equal((await keyrealm(['realms', 'list', '--server', 'ftp://id.example.com', '--token', 'x'])).code, 2);
    assert.equal((await keyrealm(['realms', 'list', '--server', 'not a url', '--token', 'x'])).code, 2);
    // Said on purpose, it is only unreachable here (nothing listens on port 9).
    const allowed = await keyrealm(['--allow-http', 'realms', 'list', '--server', 'http://127.0.0.2:9', '--token', 'x']);
    assert.equal(allowed.code, 4);
    // Signed in over http to this machine, then told another server: logout does not claim to have ended a session it never reached.
    const elsewhere = await keyrealm(['logout'], { env: { KEYREALM_SERVER: 'http://id.example.com' } });
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /plain http on another machine/);
    await ok(['logout']);
    assert.equal((await keyrealm(['realms', 'list'])).code, 3);
  });
});
