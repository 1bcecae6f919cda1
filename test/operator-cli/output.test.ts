import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOutput } from '../../src/operator-cli/output.ts';

/** Found by review: a display name holding escape sequences retitled and recoloured the operator's terminal. */
describe('the CLI prints what users typed as text, never as terminal control', () => {
  const hostile = { id: 'usr_1', display_name: 'Eve\u001b]0;owned\u0007\u001b[31m\r\nsecond line', tags: ['a\u009bb', '\u202emoc.elpmaxe', 'one\u2028two'] };

  it('shows control characters as \\u{…} in items, tables, tails and sentences', () => {
    let printed = '';
    const output = createOutput(false, (text) => {
      printed += text;
    });
    output.item(hostile);
    output.list([hostile], ['id', 'display_name', 'tags']);
    output.streamed(hostile, (value) => `${value.id} ${value.display_name}`);
    output.done(`Created user ${hostile.display_name}.`);
    assert.doesNotMatch(printed, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, 'no control character but the lines\u2019 own breaks');
    assert.match(printed, /Eve\\u\{1b\}\]0;owned\\u\{7\}\\u\{1b\}\[31m\\u\{d\}\\u\{a\}second line/);
    assert.doesNotMatch(printed, /[\u2028\u2029\u202a-\u202e\u2066-\u2069]/, 'no separator or bidirectional control either');
    assert.match(printed, /\\u\{202e\}moc\.elpmaxe/);
    assert.equal(printed.split('\n').length, 3 + 2 + 1 + 1 + 1, 'one line per field, two for the table, one for the tail, one for the sentence, and the last break');
  });

  it('leaves JSON output to JSON\u2019s own escaping', () => {
    let printed = '';
    createOutput(true, (text) => {
      printed += text;
    }).item(hostile);
    assert.deepEqual(JSON.parse(printed), hostile);
  });
});
