import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';

describe('AppError', () => {
  it('is an Error with its code and message, and captures no stack (a refusal, not a fault)', () => {
    const error = new AppError('request.not_found', 'No route GET /nowhere.');
    assert.ok(error instanceof Error);
    assert.equal(error.code, 'request.not_found');
    assert.equal(error.stack, 'AppError: No route GET /nowhere.');
    assert.ok(Error.stackTraceLimit > 0, 'other errors still get their stack');
    assert.match(new Error('fault').stack ?? '', /\n\s+at /);
  });
});
