import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { loadCommonPasswords, MAX_TRAILING_DECORATION } from '../../src/passwords/common-passwords.ts';
import { foldForComparison } from '../../src/passwords/password-text.ts';
import { limits } from '../../src/realms/realm.ts';

// The shipped file, read the plain way, to check the loader against it.
const entries = gunzipSync(readFileSync(new URL('../../src/passwords/data/common-passwords.txt.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .filter((line) => line !== '');

describe('the common-password list', () => {
  it('holds at least 100,000 distinct entries, folded, none shorter than any realm accepts', async () => {
    assert.ok(entries.length >= 100_000, `${entries.length} entries`);
    assert.equal(new Set(entries).size, entries.length, 'no duplicates');
    const list = await loadCommonPasswords();
    assert.equal(list.size, entries.length);
    for (const entry of entries) {
      assert.equal(foldForComparison(entry), entry, `${entry} is folded`);
      assert.ok([...entry].length >= limits.passwordMinLength.min, `${entry} is long enough to matter`);
    }
  });

  it('is loaded once per process', async () => {
    assert.equal(await loadCommonPasswords(), await loadCommonPasswords());
  });

  it('keeps the most common first, and finds entries anywhere in it', async () => {
    assert.deepEqual(entries.slice(0, 5), ['123456', 'password', '12345678', 'qwerty', '123456789']);
    const list = await loadCommonPasswords();
    for (const index of [0, 1_000, 50_000, 77_777, entries.length - 1]) assert.ok(list.includes(entries[index]), entries[index]);
    for (const common of ['password', '123456789', 'qwertyuiop', 'iloveyou', 'sunshine', 'trustno1']) assert.ok(list.includes(common), common);
  });

  it('compares case-insensitively on the NFKC form', async () => {
    const list = await loadCommonPasswords();
    assert.ok(list.includes('PassWord'));
    assert.ok(list.includes('ＱＷＥＲＴＹＵＩＯＰ'), 'full-width letters are the same password');
    assert.ok(list.includes('ＩＬＯＶＥＹＯＵ'));
  });

  it('sees through a short tail of digits or symbols, but not a long one or a prefix', async () => {
    const list = await loadCommonPasswords();
    assert.equal(MAX_TRAILING_DECORATION, 4);
    for (const decorated of ['monkey!', 'dragon2024', 'sunshine1!', 'Qwertyuiop!!', 'football#1']) assert.ok(list.includes(decorated), decorated);
    assert.ok(!list.includes('sunshine-in-the-rain'));
    assert.ok(!list.includes('dragon738291046'), 'nine digits add real work');
    assert.ok(!list.includes('xq!dragon'), 'only the end is trimmed');
  });

  it('does not know ordinary long passphrases', async () => {
    const list = await loadCommonPasswords();
    for (const passphrase of ['correct horse battery staple', 'violet kettles hum at dawn', 'operator-password-1']) assert.ok(!list.includes(passphrase), passphrase);
  });
});
