import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstCharacters, oneLine, storable, UNSAFE_CHARACTERS } from '../../src/platform/display-text.ts';

describe('text made fit to show and to store', () => {
  it('makes one line: control runs become a space, bidirectional controls go', () => {
    assert.equal(oneLine('  Ada\r\n\tLovelace\u0085 '), 'Ada Lovelace');
    assert.equal(oneLine('Ali\u2067\u0645\u2069 Khan'), 'Ali\u0645 Khan');
    assert.equal(oneLine('one\u2028two'), 'one two');
  });

  it('knows what a name may not hold, and what it may', () => {
    for (const text of ['a\u0000', 'a\nb', 'a\u009bb', 'a\u2029', '\u202emoc', 'x\u2066y']) assert.equal(UNSAFE_CHARACTERS.test(text), true, JSON.stringify(text));
    for (const text of ['Zoë', 'مريم\u200f', '\u{1F600}']) assert.equal(UNSAFE_CHARACTERS.test(text), false, JSON.stringify(text));
  });

  it('makes text storable: an unpaired surrogate becomes U+FFFD, NUL goes', () => {
    assert.equal(storable('a\ud800b\u0000c\udfff'), 'a\ufffdbc\ufffd');
    assert.equal(storable('\u{1F600}'), '\u{1F600}');
  });

  it('cuts by characters, never inside a surrogate pair, marking a cut when asked', () => {
    const text = `${'a'.repeat(199)}\u{1F600}b`;
    assert.equal(firstCharacters(text, 200), `${'a'.repeat(199)}\u{1F600}`);
    assert.equal(firstCharacters(text, 200, '…'), `${'a'.repeat(199)}\u{1F600}…`);
    assert.equal(firstCharacters(`${'a'.repeat(199)}\u{1F600}`, 200), `${'a'.repeat(199)}\u{1F600}`, 'two hundred characters in 201 code units: not cut');
    assert.equal(firstCharacters('short', 200, '…'), 'short');
  });
});
