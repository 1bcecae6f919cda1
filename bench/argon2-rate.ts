/**
 * The baseline for login throughput: raw argon2id derivations per second at the server's
 * parameters, straight through node:crypto on libuv's thread pool with as many in flight as asked,
 * on the same cores — no scheduler, no per-realm limits, nothing of the server's own. Prints one
 * JSON line: { verifies_per_second }.
 */
import { argon2, randomBytes } from 'node:crypto';

const [memoryKib, passes, parallelism, seconds, inFlight] = process.argv.slice(2).map(Number);
const nonce = randomBytes(16);
const derive = () =>
  new Promise<void>((resolve, reject) =>
    argon2('argon2id', { message: 'correct horse battery staple', nonce, memory: memoryKib, passes, parallelism, tagLength: 32 }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );

const deadline = performance.now() + seconds * 1000;
let done = 0;
async function loop() {
  while (performance.now() < deadline) {
    await derive();
    done += 1;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: inFlight }, loop));
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ verifies_per_second: done / elapsed }));
