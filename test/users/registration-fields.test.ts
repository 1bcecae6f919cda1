import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRegistrationFields } from '../../src/users/registration-fields.ts';
import { AppError } from '../../src/errors.ts';
import type { RegistrationField } from '../../src/realms/realm.ts';

const declared: RegistrationField[] = [
  { name: 'company', type: 'string', required: true, max_length: 10 },
  { name: 'seats', type: 'number', required: false, max_length: null },
  { name: 'newsletter', type: 'boolean', required: false, max_length: null },
  { name: 'born', type: 'date', required: false, max_length: null },
];

function issues(values: Record<string, unknown>, complete = true): string[] {
  try {
    checkRegistrationFields(declared, values, { complete });
    return [];
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'user.invalid');
    return error.details.map((d) => `${d.field} ${d.issue}`);
  }
}

describe('registration fields', () => {
  it('accepts declared values of the right types and returns them for custom', () => {
    assert.deepEqual(checkRegistrationFields(declared, { company: 'Acme', seats: 3, newsletter: false, born: '2000-02-29' }, { complete: true }), {
      company: 'Acme',
      seats: 3,
      newsletter: false,
      born: '2000-02-29',
    });
  });

  it('refuses wrong types, bad dates, long strings, unknown names and missing required fields, all at once', () => {
    assert.deepEqual(issues({ company: 'Acme Corporation', seats: '3', newsletter: 'yes', born: '2001-02-29', extra: 1 }), [
      'fields.extra is not a field of this realm',
      'fields.company must be at most 10 characters',
      'fields.seats must be a number',
      'fields.newsletter must be true or false',
      'fields.born must be a date (YYYY-MM-DD)',
    ]);
    assert.deepEqual(issues({}), ['fields.company is required']);
    assert.deepEqual(issues({ company: '   ' }), ['fields.company can\u2019t be blank'.replace('\u2019', "'")]);
  });

  it('lets a later edit send only some fields, but not clear a required one', () => {
    assert.deepEqual(checkRegistrationFields(declared, { seats: 5 }, { complete: false }), { seats: 5 });
    assert.deepEqual(issues({ company: null }, false), ['fields.company is required']);
  });

  it('counts string length in code points', () => {
    assert.deepEqual(issues({ company: '\u{1F600}'.repeat(10) }), []);
    assert.deepEqual(issues({ company: '\u{1F600}'.repeat(11) }), ['fields.company must be at most 10 characters']);
  });
});
