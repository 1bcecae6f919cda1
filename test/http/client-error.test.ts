import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { handleClientError } from '../../src/http/error-handler.ts';

/** A socket that records what is written to it and whether it was destroyed. */
function fakeSocket(httpMessage?: { _headerSent: boolean }) {
  const written: string[] = [];
  let destroyedWith: unknown;
  const socket = {
    destroyed: false,
    writable: true,
    _httpMessage: httpMessage ?? null,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
    destroy(error?: unknown) {
      destroyedWith = error;
      socket.destroyed = true;
    },
  };
  return { socket: socket as unknown as Socket, written, destroyed: () => socket.destroyed, destroyedWith: () => destroyedWith };
}

const overflow = Object.assign(new Error('Header overflow'), { code: 'HPE_HEADER_OVERFLOW' });

describe('answers to requests the HTTP parser refuses', () => {
  it('answers on the raw socket in the error shape, then ends the connection', () => {
    const fake = fakeSocket();
    handleClientError(overflow, fake.socket);
    assert.equal(fake.written.length, 1);
    assert.match(fake.written[0], /^HTTP\/1\.1 431 /);
    assert.match(fake.written[0], /request\.headers_too_large/);
    assert.equal(fake.destroyed(), true);
  });

  it('a connection with no response begun yet (its message not sent) is answered too', () => {
    const fake = fakeSocket({ _headerSent: false });
    handleClientError(overflow, fake.socket);
    assert.equal(fake.written.length, 1);
  });

  it('writes nothing into a response already under way, only destroys the connection', () => {
    const fake = fakeSocket({ _headerSent: true });
    handleClientError(overflow, fake.socket);
    assert.deepEqual(fake.written, []);
    assert.equal(fake.destroyed(), true);
    assert.equal(fake.destroyedWith(), overflow);
  });
});
