import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBreachedPasswordCheck, findSuffix, rangeKey, rangeRequestUrl } from '../../src/passwords/breached-passwords.ts';
import { checkPassword } from '../../src/passwords/password-policy.ts';
import { defaultSettings, type PasswordPolicy } from '../../src/realms/realm.ts';
import { sha1Hex, startRangeServer, unusedRangeUrl, type RangeServer } from './range-server.ts';

const BREACHED = 'Tr0ub4dor&3 was a bad idea';
const CLEAN = 'violet kettles hum at dawn';

describe('the breached-password range lookup', () => {
  let server: RangeServer;
  before(async () => {
    server = await startRangeServer([BREACHED], [CLEAN]);
  });
  after(() => server.close());

  it('hashes the NFKC form, upper-case hex, split after 5 digits', () => {
    const { prefix, suffix } = rangeKey('password');
    assert.equal(prefix + suffix, '5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8');
    assert.equal(prefix, '5BAA6');
    // U+FF50 (a full-width p) is "p" once normalised, so both forms are the same lookup.
    assert.deepEqual(rangeKey('\uFF50assword'), rangeKey('password'));
  });

  it('adds the slash a range_url lacks', () => {
    assert.equal(rangeRequestUrl('https://pwned.example/range/', 'ABCDE'), 'https://pwned.example/range/ABCDE');
    assert.equal(rangeRequestUrl('https://pwned.example/range', 'ABCDE'), 'https://pwned.example/range/ABCDE');
  });

  it('parses SUFFIX:COUNT lines, CRLF or LF, and ignores padding (count 0)', () => {
    const suffix = '1E4C9B93F3F0682250B6CF8331B7EE68FD8';
    assert.equal(findSuffix(`0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n${suffix}:3303003\r\n`, suffix), 'breached');
    assert.equal(findSuffix(`${suffix.toLowerCase()}:2\n`, suffix), 'breached');
    assert.equal(findSuffix(`${suffix}:0\r\n0018A45C4D1DEF81644B54AB7F969B88D65:1`, suffix), 'clean');
    assert.equal(findSuffix('', suffix), undefined, 'an empty body is no answer');
    assert.equal(findSuffix('<html>captive portal</html>', suffix), undefined);
  });

  it('finds a breached password and passes a clean one, sending only the 5-digit prefix with Add-Padding', async () => {
    const check = createBreachedPasswordCheck({ allowInsecure: true });
    server.requests.length = 0;
    assert.equal(await check(BREACHED, server.rangeUrl), 'breached');
    assert.equal(await check(CLEAN, server.rangeUrl), 'clean', 'its suffix only comes back as padding');
    assert.deepEqual(
      server.requests.map((request) => request.path),
      [`/range/${sha1Hex(BREACHED).slice(0, 5)}`, `/range/${sha1Hex(CLEAN).slice(0, 5)}`],
    );
    for (const request of server.requests) {
      assert.equal(request.headers['add-padding'], 'true');
      assert.doesNotMatch(JSON.stringify(request), new RegExp(`${sha1Hex(BREACHED).slice(5)}|${sha1Hex(CLEAN).slice(5)}|violet|Tr0ub`, 'i'));
    }
    // Without the trailing slash the same path is asked.
    assert.equal(await check(BREACHED, server.rangeUrl.slice(0, -1)), 'breached');
    assert.equal(server.requests.at(-1)?.path, `/range/${sha1Hex(BREACHED).slice(0, 5)}`);
  });

  it('calls an error, a late answer, a foreign body or nobody listening unavailable, and says why without the password', async () => {
    const problems: { host: string; reason: string }[] = [];
    const check = createBreachedPasswordCheck({ timeoutMs: 150, allowInsecure: true, onUnavailable: (problem) => problems.push(problem) });
    try {
      server.mode = 'error';
      assert.equal(await check(BREACHED, server.rangeUrl), 'unavailable');
      server.mode = 'html';
      assert.equal(await check(BREACHED, server.rangeUrl), 'unavailable');
      server.mode = 'slow';
      server.slowMs = 1000;
      const started = Date.now();
      assert.equal(await check(BREACHED, server.rangeUrl), 'unavailable');
      assert.ok(Date.now() - started < 900, 'the timeout, not the server, ends the wait');
    } finally {
      server.mode = 'ok';
    }
    assert.equal(await check(BREACHED, await unusedRangeUrl()), 'unavailable');
    assert.equal(await check(BREACHED, 'not a url at all'), 'unavailable');
    assert.deepEqual(
      problems.map((problem) => problem.reason.replace(/\(.*\)/, '(…)')),
      ['answered 500', 'answered something that is not a range', 'no answer within 150 ms', 'unreachable (…)', 'unreachable (…)'],
    );
    assert.match(problems[0].host, /^127\.0\.0\.1:\d+$/);
    assert.doesNotMatch(JSON.stringify(problems), new RegExp(`${sha1Hex(BREACHED)}|${sha1Hex(BREACHED).slice(5)}|Tr0ub`, 'i'));
  });

  it('asks only public https addresses, follows no redirect and reads a bounded answer', async () => {
    const problems: { host: string; reason: string }[] = [];
    const strict = createBreachedPasswordCheck({ timeoutMs: 1000, onUnavailable: (problem) => problems.push(problem) });
    server.requests.length = 0;
    const port = new URL(server.rangeUrl).port;
    // A range_url is a realm setting: an operator of one realm must not reach inside our network.
    for (const url of [server.rangeUrl, `https://127.0.0.1:${port}/range/`, `https://2130706433:${port}/r?x=`, `https://0x7f.1:${port}/`, `https://[::ffff:127.0.0.1]:${port}/`, `https://169.254.169.254/latest/meta-data/?x=`, `https://localhost:${port}/range/`]) {
      assert.equal(await strict(BREACHED, url), 'unavailable', url);
    }
    assert.equal(server.requests.length, 0, 'nothing reached the listener');
    assert.deepEqual(problems.map((problem) => problem.reason.replace(/: .*/, '')), ['only https range APIs are asked', ...Array(6).fill('refused')]);
    assert.equal(problems.at(-1)?.reason, 'refused: localhost resolves to an address that is not public', 'the address a name resolves to is not told');
    // An upper-case scheme is https all the same: asked (and refused here for its address), not skipped.
    assert.equal(await strict(BREACHED, `HTTPS://127.0.0.1:${port}/range/`), 'unavailable');
    assert.match(problems.at(-1)?.reason ?? '', /^refused: 127\.0\.0\.1 is not a public address/);

    problems.length = 0;
    const loopback = createBreachedPasswordCheck({ allowInsecure: true, onUnavailable: (problem) => problems.push(problem) });
    try {
      server.mode = 'redirect';
      assert.equal(await loopback(BREACHED, server.rangeUrl), 'unavailable');
      assert.equal(server.requests.filter((request) => request.path === '/elsewhere').length, 0, 'the redirect is not followed');
      server.mode = 'huge';
      assert.equal(await loopback(BREACHED, server.rangeUrl), 'unavailable', 'a breached suffix past the bound is not read');
    } finally {
      server.mode = 'ok';
    }
    assert.deepEqual(problems.map((problem) => problem.reason), ['answered 302', 'answered more than 262144 bytes']);
  });

  describe('in the policy', () => {
    const policy = (onUnavailable: 'allow' | 'refuse', rangeUrl: string): PasswordPolicy => ({
      ...defaultSettings().password_policy,
      breached: { enabled: true, range_url: rangeUrl, on_unavailable: onUnavailable },
    });
    const context = { realmName: 'Breach Test', email: null, username: null };
    const deps = { breachedCheck: createBreachedPasswordCheck({ timeoutMs: 150, allowInsecure: true }) };
    const reasonOf = async (password: string, p: PasswordPolicy) => {
      const verdict = await checkPassword(password, p, context, deps);
      return verdict.ok ? 'ok' : verdict.reason;
    };

    it('refuses a breached password and accepts a clean one', async () => {
      assert.equal(await reasonOf(BREACHED, policy('allow', server.rangeUrl)), 'password.breached');
      assert.equal(await reasonOf(CLEAN, policy('allow', server.rangeUrl)), 'ok');
    });

    it('asks nothing when disabled, or when another rule refuses first', async () => {
      const before = server.requests.length;
      assert.equal(await reasonOf(BREACHED, { ...policy('allow', server.rangeUrl), breached: { ...policy('allow', server.rangeUrl).breached, enabled: false } }), 'ok');
      assert.equal(await reasonOf('short', policy('allow', server.rangeUrl)), 'password.too_short');
      assert.equal(await reasonOf('password1', policy('allow', server.rangeUrl)), 'password.common');
      assert.equal(server.requests.length, before);
    });

    it('fails open with allow and closed with refuse when the range API is down, erring or slow', async () => {
      const down = await unusedRangeUrl();
      assert.equal(await reasonOf(CLEAN, policy('allow', down)), 'ok');
      assert.equal(await reasonOf(CLEAN, policy('refuse', down)), 'password.breach_check_unavailable');
      for (const mode of ['error', 'slow'] as const) {
        server.mode = mode;
        try {
          assert.equal(await reasonOf(BREACHED, policy('allow', server.rangeUrl)), 'ok', mode);
          assert.equal(await reasonOf(BREACHED, policy('refuse', server.rangeUrl)), 'password.breach_check_unavailable', mode);
        } finally {
          server.mode = 'ok';
        }
      }
    });
  });
});
