/**
 * The baseline for login throughput: raw argon2id verifications per second at the server's
 * parameters, with as many in flight as the server's thread pool can run, on the same cores.
 * Prints one JSON line: { verifies_per_second }.
 */
import { createPasswordHasher } from '../src/platform/passwords.ts';

const [memoryKib, passes, parallelism, seconds, inFlight] = process.argv.slice(2).map(Number);
const hasher = createPasswordHasher({ memoryKib, passes, parallelism });
const hash = await hasher.hash('bench', 'correct horse battery staple');
const deadline = performance.now() + seconds * 1000;
let done = 0;

async function loop() {
  while (performance.now() < deadline) {
    await hasher.verify('bench', 'correct horse battery staple', hash);
    done += 1;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: inFlight }, loop));
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ verifies_per_second: done / elapsed }));
