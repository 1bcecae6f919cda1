/**
 * The body of a hashing worker thread: bcrypt, which bcryptjs computes in JavaScript, runs here so
 * that its seconds of CPU never hold up the event loop (its async mode yields between slices, but
 * the slices still run on the main thread and take turns with every request).
 */
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

export interface BcryptRequest {
  password: string;
  settings: string;
}

/** A worker computes one request at a time, so replies come back in order. */
export type BcryptReply = { hash: string } | { error: string };

parentPort?.on('message', ({ password, settings }: BcryptRequest) => {
  let reply: BcryptReply;
  try {
    reply = { hash: bcrypt.hashSync(password, settings) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
