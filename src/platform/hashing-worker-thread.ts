/**
 * The body of a hashing worker thread: every password hash (argon2, scrypt and PBKDF2 through
 * node:crypto, bcrypt through the pure-JS bcryptjs) is computed here, synchronously, one at a time.
 *
 * The thread lowers its own scheduling priority first (on Linux a niceness applies to the calling
 * thread only): when the CPU is short, the event loop, which serves every realm's requests, goes
 * first, and a flood of expensive checks slows the hashes, not the whole server.
 */
import { argon2Sync, pbkdf2Sync, scryptSync } from 'node:crypto';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

export type HashRequest =
  | { algorithm: 'argon2id' | 'argon2i' | 'argon2d'; message: string; nonce: Uint8Array; memory: number; passes: number; parallelism: number; tagLength: number }
  | { algorithm: 'scrypt'; password: string; salt: Uint8Array; keyLength: number; N: number; r: number; p: number; maxmem: number }
  | { algorithm: 'pbkdf2'; password: string; salt: Uint8Array | string; iterations: number; keyLength: number; digest: 'sha256' | 'sha512' }
  | { algorithm: 'bcrypt'; password: string; settings: string };

/** A worker computes one request at a time, so replies come back in order. */
export type HashReply = { result: Uint8Array | string } | { error: string };

/** Niceness 10: well below the event loop (0), still above truly idle work (19). */
const HASHING_NICENESS = 10;

function compute(request: HashRequest): Uint8Array | string {
  switch (request.algorithm) {
    case 'bcrypt':
      return bcrypt.hashSync(request.password, request.settings);
    case 'scrypt':
      return scryptSync(request.password, request.salt, request.keyLength, { N: request.N, r: request.r, p: request.p, maxmem: request.maxmem });
    case 'pbkdf2':
      return pbkdf2Sync(request.password, request.salt, request.iterations, request.keyLength, request.digest);
    default: {
      const { algorithm, ...parameters } = request;
      return argon2Sync(algorithm, parameters);
    }
  }
}

try {
  setPriority(HASHING_NICENESS);
} catch {
  // Some sandboxes refuse priority changes; hashing still works, only without the yielding.
}

parentPort?.on('message', (request: HashRequest) => {
  let reply: HashReply;
  try {
    reply = { result: compute(request) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
