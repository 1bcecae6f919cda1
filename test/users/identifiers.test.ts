import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { defaultSettings, type Realm } from '../../src/realms/realm.ts';
import {
  deriveDisplayName,
  normalizeEmail,
  normalizeMobile,
  requireSignInIdentifier,
  requireUsername,
  usernameKey,
} from '../../src/users/identifiers.ts';
import { applyChanges, emptyUserState, profileOnly } from '../../src/users/user-fields.ts';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail('expected a refusal');
}

const realm = { ...defaultSettings(), id: 'rl_x' } as Realm;

describe('email rules', () => {
  it('trims and lower-cases', () => {
    assert.equal(normalizeEmail('  Alice.Smith+tag@Example.COM '), 'alice.smith+tag@example.com');
    assert.equal(normalizeEmail("o'brien@sub.example.co.uk"), "o'brien@sub.example.co.uk");
    assert.equal(normalizeEmail('Admin@LocalHost'), 'admin@localhost');
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', 'alice', 'alice@', '@example.com', 'a b@example.com', 'alice@@example.com', 'alice@exa mple.com', '.alice@example.com', 'alice.@example.com', 'alice@-example.com', 'alice@example.com.', 'alice@example..com', 'alice@exam_ple.com']) {
      assert.equal(normalizeEmail(bad), undefined, bad);
    }
  });

  it('refuses more than 254 characters or a local part over 64', () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.com`;
    assert.ok(normalizeEmail(`${'a'.repeat(64)}@example.com`));
    assert.equal(normalizeEmail(`${'a'.repeat(65)}@example.com`), undefined);
    const exactly254 = `${'a'.repeat(254 - domain.length - 1)}@${domain}`;
    assert.equal(exactly254.length, 254);
    assert.ok(normalizeEmail(exactly254));
    assert.equal(normalizeEmail(`a${exactly254}`), undefined);
  });
});

describe('username rules', () => {
  it('standard: letters, digits and . _ - @ +, starting with a letter or digit', () => {
    for (const good of ['alice', 'Alice_99', 'a.b-c@d+e', '7up', 'Élodie', 'ユーザー', 'a'.repeat(100)]) {
      assert.equal(requireUsername(good, 'standard'), good, good);
    }
    assert.equal(requireUsername('  bob  ', 'standard'), 'bob');
    for (const bad of ['', '   ', '.alice', '_alice', '-a', 'al ice', 'a!b', 'a/b', 'a'.repeat(101)]) {
      const error = refusal(() => requireUsername(bad, 'standard'));
      assert.equal(error.code, 'user.invalid');
      assert.equal(error.details[0].field, 'username');
    }
  });

  it('email mode: must be an email address', () => {
    assert.equal(requireUsername('Bob@Example.com', 'email'), 'Bob@Example.com');
    assert.equal(refusal(() => requireUsername('bob', 'email')).details[0].issue, 'must be an email address in this realm');
  });

  it('compares case-insensitively and after compatibility normalisation', () => {
    assert.equal(usernameKey('Alice'), usernameKey('ALICE'));
    assert.equal(usernameKey('ＡＬＩＣＥ'), 'alice');
  });
});

describe('mobile rules', () => {
  it('strips spaces, dashes, dots and parentheses to E.164', () => {
    assert.equal(normalizeMobile('+1 (555) 123-4567'), '+15551234567');
    assert.equal(normalizeMobile(' +44.20.7946.0958 '), '+442079460958');
    assert.equal(normalizeMobile('+1234567'), '+1234567');
    assert.equal(normalizeMobile('+123456789012345'), '+123456789012345');
  });

  it('refuses what is not E.164', () => {
    for (const bad of ['5551234567', '+123456', '+1234567890123456', '+0123456789', '+1 555 CALL NOW', '++15551234567', '']) {
      assert.equal(normalizeMobile(bad), undefined, bad);
    }
  });
});

describe('identifier set and display name', () => {
  it('needs one identifier, and a username for api users', () => {
    const none = refusal(() => requireSignInIdentifier({ username: null, email: null, mobile: null, user_type: 'human' }));
    assert.deepEqual(none.details.map((d) => d.field), ['username', 'email', 'mobile']);
    const api = refusal(() => requireSignInIdentifier({ username: null, email: 'a@example.com', mobile: null, user_type: 'api' }));
    assert.deepEqual(api.details, [{ field: 'username', issue: 'is required for api users' }]);
    requireSignInIdentifier({ username: null, email: null, mobile: '+15551234567', user_type: 'human' });
  });

  it('derives from the names, else the username, else the email', () => {
    const names = { first_name: 'Ada', middle_name: null, last_name: 'Lovelace', username: 'ada', email: 'ada@example.com' };
    assert.equal(deriveDisplayName(names), 'Ada Lovelace');
    assert.equal(deriveDisplayName({ ...names, first_name: null, last_name: null }), 'ada');
    assert.equal(deriveDisplayName({ ...names, first_name: null, last_name: null, username: null }), 'ada@example.com');
    assert.equal(deriveDisplayName({ first_name: null, middle_name: null, last_name: null, username: null, email: null }), null);
  });
});

describe('applying changes', () => {
  const created = applyChanges(realm, emptyUserState(), { username: 'ada', first_name: ' Ada ', last_name: 'Lovelace', tags: ['b', 'a', 'b'] }).next;

  it('normalises fields, sorts and de-duplicates tags, derives the display name', () => {
    assert.equal(created.first_name, 'Ada');
    assert.deepEqual(created.tags, ['a', 'b']);
    assert.equal(created.display_name, 'Ada Lovelace');
  });

  it('a derived display name follows the names; an explicit one stays', () => {
    const renamed = applyChanges(realm, created, { last_name: 'King' });
    assert.equal(renamed.next.display_name, 'Ada King');
    assert.deepEqual(renamed.changed.sort(), ['display_name', 'last_name']);
    const explicit = applyChanges(realm, created, { display_name: 'Countess' }).next;
    assert.equal(applyChanges(realm, explicit, { last_name: 'King' }).next.display_name, 'Countess');
    assert.equal(applyChanges(realm, explicit, { display_name: null }).next.display_name, 'Ada Lovelace');
  });

  it('a new email or mobile is unverified unless the same change says so', () => {
    const verified = { ...created, email: 'ada@example.com', email_verified: true, mobile: '+15551234567', mobile_verified: true };
    const changed = applyChanges(realm, verified, { email: 'ADA@new.example.com', mobile: '+1 555 765 4321' }).next;
    assert.equal(changed.email, 'ada@new.example.com');
    assert.equal(changed.email_verified, false);
    assert.equal(changed.mobile_verified, false);
    assert.equal(applyChanges(realm, verified, { email: 'ada@new.example.com', email_verified: true }).next.email_verified, true);
    assert.equal(applyChanges(realm, verified, { first_name: 'Augusta' }).next.email_verified, true);
  });

  it('refuses oversized custom data, too many or too long tags, and overlong names', () => {
    const big = { blob: 'x'.repeat(16 * 1024) };
    assert.equal(refusal(() => applyChanges(realm, created, { custom: big })).details[0].field, 'custom');
    applyChanges(realm, created, { custom: { blob: 'x'.repeat(16 * 1024 - 20) } });
    assert.equal(refusal(() => applyChanges(realm, created, { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).details[0].field, 'tags');
    applyChanges(realm, created, { tags: [...Array.from({ length: 50 }, (_, i) => `t${i}`), 't0'] });
    assert.equal(refusal(() => applyChanges(realm, created, { tags: ['x'.repeat(65)] })).details[0].field, 'tags');
    assert.equal(refusal(() => applyChanges(realm, created, { tags: [''] })).details[0].field, 'tags');
    assert.equal(refusal(() => applyChanges(realm, created, { last_name: 'x'.repeat(201) })).details[0].field, 'last_name');
    assert.equal(refusal(() => applyChanges(realm, created, { access_token_minutes: 1441 })).details[0].field, 'access_token_minutes');
  });

  it('refuses names of more than one line or with control characters (they go into mails and terminals)', () => {
    for (const display_name of ['Customer,\n\nURGENT: verify at https://evil.example', 'a\rb', 'tab\there', 'bell\u0007', 'esc\u001b[31m', 'c1\u0085', 'line\u2028sep', '\u202emoc.elpmaxe', 'iso\u2066late\u2069', 'embed\u202a']) {
      assert.equal(refusal(() => applyChanges(realm, created, { display_name })).details[0].field, 'display_name', JSON.stringify(display_name));
    }
    assert.equal(applyChanges(realm, created, { first_name: '  Zoë Ångström-Ōta  ' }).next.first_name, 'Zoë Ångström-Ōta');
    // Right-to-left names need no controls; a mark (U+200F) is no override and stays.
    assert.equal(applyChanges(realm, created, { first_name: 'مريم\u200f' }).next.first_name, 'مريم\u200f');
  });

  it('refuses fields that are not changed this way, rather than writing them', () => {
    const error = refusal(() => applyChanges(realm, created, { locked: true, password_hash: 'x' } as never));
    assert.deepEqual(error.details, [
      { field: 'locked', issue: 'cannot be changed here' },
      { field: 'password_hash', issue: 'cannot be changed here' },
    ]);
  });

  it('reports no change when nothing differs', () => {
    assert.deepEqual(applyChanges(realm, created, { username: 'ada', tags: ['b', 'a'] }).changed, []);
  });

  it('profile changes may touch only the names', () => {
    assert.deepEqual(profileOnly({ first_name: 'A' }), { first_name: 'A' });
    const error = refusal(() => profileOnly({ first_name: 'A', email: 'x@example.com' } as never));
    assert.deepEqual(error.details, [{ field: 'email', issue: 'cannot be changed here' }]);
  });
});
