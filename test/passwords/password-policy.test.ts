import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextWords, type PasswordContext } from '../../src/passwords/context-words.ts';
import { checkPassword, createPasswordPolicy, refusalError, type PasswordVerdict } from '../../src/passwords/password-policy.ts';
import { defaultSettings, type PasswordPolicy } from '../../src/realms/realm.ts';
import { presetSettings } from '../../src/realms/security-presets.ts';

const basePolicy = defaultSettings().password_policy;
const context: PasswordContext = { realmName: 'Acme Rockets', email: 'wile.coyote@desert.example', username: 'supergenius' };
const asked: string[] = [];
// Breach lookups are tested against a real local range server (breached-passwords.test.ts); here
// the policy is off for them, and this records that none is made.
const deps = {
  breachedCheck: async (password: string) => {
    asked.push(password);
    return 'clean' as const;
  },
};

const check = (password: string, policy: Partial<PasswordPolicy> = {}, ctx: PasswordContext = context) =>
  checkPassword(password, { ...basePolicy, ...policy }, ctx, deps);
const reasonOf = async (password: string, policy: Partial<PasswordPolicy> = {}, ctx: PasswordContext = context) => {
  const verdict = await check(password, policy, ctx);
  return verdict.ok ? 'ok' : verdict.reason;
};

describe('password length', () => {
  it('counts code points of the NFKC form against the minimum', async () => {
    assert.equal(await reasonOf('mq7-zvb', { min_length: 8 }), 'password.too_short');
    assert.equal(await reasonOf('mq7-zvbx', { min_length: 8 }), 'ok');
    assert.equal(await reasonOf('🔑'.repeat(7), { min_length: 8 }), 'password.too_short', 'each emoji is one character, not two UTF-16 units');
    assert.equal(await reasonOf('🔑'.repeat(8), { min_length: 8 }), 'ok');
    // "e" + COMBINING ACUTE composes to one "é" under NFKC: 7 code points, not 8.
    assert.equal(await reasonOf('ve\u0301lozap', { min_length: 8 }), 'password.too_short');
    assert.equal(await reasonOf('ve\u0301lozaps', { min_length: 8 }), 'ok');
    // U+FB03 (the "ffi" ligature) is three letters once normalised; full-width letters are one each.
    assert.equal(await reasonOf('\uFB03\uFB03abc', { min_length: 9 }), 'ok');
    assert.equal(await reasonOf('ｚｘｑｗｖｂｎｍ', { min_length: 8 }), 'ok');
    assert.equal(await reasonOf('', { min_length: 6 }), 'password.too_short');
  });

  it('never truncates: the maximum is a hard limit, in code points', async () => {
    const long = (n: number) => 'xq7-'.repeat(Math.ceil(n / 4)).slice(0, n);
    assert.equal(await reasonOf(long(1024), { max_length: 1024 }), 'ok');
    assert.equal(await reasonOf(long(1025), { max_length: 1024 }), 'password.too_long');
    assert.equal(await reasonOf('🔑'.repeat(1024), { max_length: 1024 }), 'ok');
    assert.equal(await reasonOf('🔑'.repeat(1025), { max_length: 1024 }), 'password.too_long');
    assert.equal(await reasonOf(long(65), { max_length: 64 }), 'password.too_long');
  });

  it('has no composition rules: lower-case letters and spaces alone are fine', async () => {
    assert.equal(await reasonOf('violet kettles hum at dawn'), 'ok');
    assert.equal(await reasonOf('зелёные чайники поют'), 'ok');
  });

  it('follows the presets: high asks for 15', async () => {
    const high = presetSettings('high').password_policy;
    assert.equal(high.min_length, 15);
    assert.equal(await reasonOf('fourteen chars', high), 'password.too_short');
    assert.equal(await reasonOf('fifteen chars!!', high), 'ok');
  });
});

describe('common passwords', () => {
  it('refuses the most common, case-insensitively and through short decoration', async () => {
    for (const common of ['password', '123456789', 'qwertyuiop', 'Password1', 'ILOVEYOU', 'ｑｗｅｒｔｙｕｉｏｐ', 'sunshine2024', 'monkey!!']) {
      assert.equal(await reasonOf(common), 'password.common', common);
    }
  });

  it('is off when block_common is', async () => {
    assert.equal(await reasonOf('qwertyuiop', { block_common: false }), 'ok');
  });

  it('accepts a random long passphrase', async () => {
    assert.equal(await reasonOf('granite tulip orbit 47 saxophone'), 'ok');
  });
});

describe('context words', () => {
  it('are the realm name, the email and its local part, the username, and extra words, folded, of 4+ characters', () => {
    const words = contextWords({ ...context, extraWords: ['Wile E. Coyote'] });
    for (const word of ['acme rockets', 'acmerockets', 'acme', 'rockets', 'wile.coyote@desert.example', 'wile.coyote', 'wilecoyote', 'coyote', 'supergenius', 'wile e. coyote']) {
      assert.ok(words.includes(word), word);
    }
    assert.ok(!words.includes('e'), 'short parts are left out');
    assert.ok(!words.includes('desert'), 'the domain is not the user’s word');
    assert.deepEqual(contextWords({ realmName: 'Ann', email: 'bo@x.io', username: null }), ['bo@x.io']);
  });

  it('refuse a password that is mostly one of them', async () => {
    assert.equal(await reasonOf('AcmeRockets2024'), 'password.contains_identifier', 'realm name');
    assert.equal(await reasonOf('acme-rockets!!'), 'password.contains_identifier');
    assert.equal(await reasonOf('wile.coyote.99'), 'password.contains_identifier', 'email local part');
    assert.equal(await reasonOf('Wile.Coyote@Desert.Example'), 'password.contains_identifier', 'whole email');
    assert.equal(await reasonOf('SuperGenius#1'), 'password.contains_identifier', 'username');
    assert.equal(await reasonOf('ｓｕｐｅｒｇｅｎｉｕｓ123'), 'password.contains_identifier', 'NFKC forms');
    assert.equal(await reasonOf('coyote-acme'), 'password.contains_identifier', 'two words together');
    assert.equal(await reasonOf('acme1234'), 'password.contains_identifier', 'exactly half is enough');
  });

  it('accept a long password that merely mentions one', async () => {
    assert.equal(await reasonOf('my acme rocket flies to the moon'), 'ok');
    assert.equal(await reasonOf('supergenius+violet+kettle'), 'ok');
  });

  it('are skipped when the user has no identifiers, and off with block_context', async () => {
    assert.equal(await reasonOf('supergenius#1', {}, { realmName: 'Shop', email: null, username: null }), 'ok');
    assert.equal(await reasonOf('AcmeRockets2024', { block_context: false }), 'ok');
  });
});

describe('verdicts', () => {
  it('are values with a reason, a message and an issue; refusalError names the field', async () => {
    const verdict = (await check('short')) as Extract<PasswordVerdict, { ok: false }>;
    assert.deepEqual(verdict, {
      ok: false,
      reason: 'password.too_short',
      issue: 'must be at least 8 characters',
      message: 'The password must be at least 8 characters long.',
    });
    const error = refusalError(verdict, 'new_password');
    assert.equal(error.code, 'password.too_short');
    assert.equal(error.kind, 'unprocessable');
    assert.deepEqual(error.details, [{ field: 'new_password', issue: 'must be at least 8 characters' }]);
    const unavailable = refusalError({ ok: false, reason: 'password.breach_check_unavailable', issue: 'x', message: 'y' });
    assert.equal(unavailable.kind, 'unavailable');
    assert.ok((unavailable.retryAfterSeconds ?? 0) > 0);
  });

  it('come from createPasswordPolicy with the realm’s name and policy', async () => {
    const policy = createPasswordPolicy(deps);
    const realm = { name: 'Acme Rockets', password_policy: { ...basePolicy, min_length: 10 } };
    assert.deepEqual(await policy.check(realm, 'granite tulip orbit', { email: null, username: null }), { ok: true });
    assert.equal(((await policy.check(realm, 'nine char', { email: null, username: null })) as { reason: string }).reason, 'password.too_short');
    assert.equal(((await policy.check(realm, 'acmerockets!', { email: null, username: null })) as { reason: string }).reason, 'password.contains_identifier');
  });

  it('never ask the breach corpus while it is disabled (the default)', () => {
    assert.equal(basePolicy.breached.enabled, false);
    assert.deepEqual(asked, []);
  });
});
