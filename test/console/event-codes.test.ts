/**
 * The console's meanings of the event log's types and codes: every code the server can record is
 * known, and the string catalogue has words for every type and code, and none left over.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCodes, codeKey, codeMeaning, typeKey, typeMeaning } from '../../console/src/screens/events/event-codes.ts';
import { en } from '../../console/src/i18n/en/index.ts';
import { eventCodes } from '../../src/events/event-types.ts';
import { signInCodes } from '../../src/events/sign-in-codes.ts';

describe('console event codes', () => {
  it('knows every code the server can record, and no other', () => {
    const server = new Set<number>([
      ...(Object.values(eventCodes) as (number | null)[]).filter((code): code is number => code !== null),
      ...Object.values(signInCodes).flatMap((codes) => [codes.succeeded, codes.failed].filter((code): code is number => code !== undefined)),
    ]);
    assert.deepEqual(allCodes, [...server].sort((a, b) => a - b));
  });

  it('has words for every type and every code, and none left over', () => {
    const catalogue = en as Record<string, string>;
    for (const type of Object.keys(eventCodes)) assert.ok(catalogue[typeKey(type)], `meaning of ${type}`);
    for (const code of allCodes) assert.ok(catalogue[codeKey(code)], `meaning of ${code}`);
    const typeKeys = Object.keys(catalogue).filter((key) => key.startsWith('events.type.'));
    const codeKeys = Object.keys(catalogue).filter((key) => key.startsWith('events.code.'));
    assert.deepEqual(typeKeys.sort(), Object.keys(eventCodes).map(typeKey).sort());
    assert.deepEqual(codeKeys.sort(), allCodes.map(codeKey).sort());
  });

  it('says what a type and a code mean, and shows unknown ones as they are', () => {
    assert.equal(typeMeaning('user.login.succeeded'), 'Signed in');
    assert.equal(codeMeaning(1350), 'Signed in with a password');
    assert.equal(typeMeaning('some.future_event'), 'some.future_event');
    assert.equal(codeMeaning(9999), null);
  });
});
